/**
 * People for admins: who is who, their role and manager, deactivation and "sign out everywhere" (both end the
 * person's sessions and revoke their tokens in the same transaction, so access stops at once).
 */
import { Hono } from 'hono';
import type { FC } from 'hono/jsx';
import type { Db, Tx } from '../../../db/client.ts';
import { setPassword, signOutEverywhere } from '../../../db/credentials.ts';
import { createPerson, getPerson, listPeople, namesOf, updatePerson, type Person } from '../../../db/people.ts';
import { ROLES } from '../../../core/vocabulary.ts';
import { writeTx } from '../../../db/write.ts';
import { now } from '../../http.ts';
import { personCreate, personPatch } from '../../schemas/people.ts';
import { ADMINS, flashOf, page, seeOther, type WebContext, type WebEnv } from '../env.ts';
import {
  checked,
  formState,
  oneOf,
  parseWith,
  readForm,
  readPaging,
  text,
  type FormState,
  withChosen,
  writeWith,
} from '../form.ts';
import { textFor } from '../text/index.ts';
import { useUi } from '../ui/context.ts';
import { Checkbox, ErrorSummary, Field, Select } from '../ui/fields.tsx';
import { Csrf, FilterSelect, ListTable, Pagination, SearchForm } from '../ui/kit.tsx';
import { renderPage } from '../ui/layout.tsx';

const PeopleList: FC<{
  items: Person[];
  managers: Map<string, string>;
  total: number;
  page: number;
  pageSize: number;
  q?: string;
  role?: string;
}> = (p) => {
  const { t } = useUi();
  const c = t.people.cols;
  return (
    <>
      <p>
        <a href="/people/new" role="button">
          {t.people.new}
        </a>{' '}
        <a href="/people/import">{t.peopleImport.link}</a> · <a href="/settings/sign-in">{t.signInSettings.link}</a>
      </p>
      <SearchForm action="/people" q={p.q} label={t.people.searchLabel}>
        <FilterSelect name="role" label={t.people.roleFilter} value={p.role} values={ROLES} labels={t.enums.role} />
      </SearchForm>
      <ListTable
        cols={[c.name, c.email, c.role, c.manager, c.active]}
        items={p.items}
        empty={t.people.empty}
        row={(x) => (
          <tr>
            <td>
              <a href={`/people/${x.id}`}>{x.name}</a>
            </td>
            <td>{x.email}</td>
            <td>{t.enums.role[x.role]}</td>
            <td>{x.managerId ? (p.managers.get(x.managerId) ?? t.common.none) : t.common.none}</td>
            <td>{x.active ? t.common.yes : t.people.deactivated}</td>
          </tr>
        )}
      />
      <Pagination page={p.page} pageSize={p.pageSize} total={p.total} />
    </>
  );
};

const PersonForm: FC<{ form: FormState; action: string; managers: Person[]; isNew: boolean }> = ({
  form,
  action,
  managers,
  isNew,
}) => {
  const { t } = useUi();
  const p = t.people;
  return (
    <>
      <ErrorSummary form={form} />
      <form method="post" action={action}>
        <Csrf />
        {isNew && <Field form={form} name="email" type="email" label={p.email} autocomplete="off" required />}
        <Field form={form} name="name" label={p.name} required />
        <Select form={form} name="role" label={p.role} options={ROLES.map((r) => [r, t.enums.role[r]])} />
        <Select
          form={form}
          name="managerId"
          label={p.manager}
          options={[['', p.noManager], ...managers.map((m): [string, string] => [m.id, m.name])]}
        />
        {isNew ? (
          <Field
            form={form}
            name="password"
            type="password"
            label={p.password}
            hint={p.passwordHint}
            autocomplete="new-password"
          />
        ) : (
          <Checkbox form={form} name="active" label={p.active} hint={p.activeHint} />
        )}
        <button type="submit">{isNew ? p.new : t.common.save}</button>
      </form>
    </>
  );
};

/** For a lost laptop or a leaked password: the person stays active but must sign in again everywhere. */
const SignOutForm: FC<{ id: string }> = ({ id }) => {
  const { t } = useUi();
  return (
    <section aria-labelledby="sign-out-title">
      <h2 id="sign-out-title">{t.people.signOutTitle}</h2>
      <p>{t.people.signOutHint}</p>
      <form method="post" action={`/people/${id}/sign-out`}>
        <Csrf />
        <button type="submit" class="secondary">
          {t.people.signOut}
        </button>
      </form>
    </section>
  );
};

/** Who can be someone's manager: the active managers and admins. */
async function managerOptions(db: Db, except?: string): Promise<Person[]> {
  const [managers, admins] = await Promise.all([
    listPeople(db, { role: 'manager', limit: 1000, offset: 0 }),
    listPeople(db, { role: 'admin', limit: 1000, offset: 0 }),
  ]);
  return [...managers.items, ...admins.items]
    .filter((p) => p.active && p.id !== except)
    .sort((a, b) => a.name.localeCompare(b.name));
}

async function newPersonPage(c: WebContext, form: FormState, status: 200 | 400 = 200) {
  const t = textFor(c.var.lang);
  const managers = await managerOptions(c.var.deps.db);
  return renderPage(
    c,
    { title: t.people.newTitle, status },
    <PersonForm form={form} action="/people" managers={managers} isNew />,
  );
}

async function personPage(c: WebContext, id: string, form?: FormState) {
  const t = textFor(c.var.lang);
  const { db } = c.var.deps;
  const [person, options] = await Promise.all([getPerson(db, id), managerOptions(db, id)]);
  const values = {
    name: person.name,
    role: person.role,
    managerId: person.managerId ?? '',
    active: person.active ? 'on' : '',
  };
  // A manager who left or changed role stays offered: saving another field must not unset them unasked.
  const managers = await withChosen(options, (form ?? formState(values)).values.managerId || undefined, (managerId) =>
    getPerson(db, managerId),
  );
  return renderPage(
    c,
    { title: t.people.editTitle(person.name), flash: flashOf(c, t.people.flash), status: form ? 400 : 200 },
    <>
      <p>{person.email}</p>
      <PersonForm form={form ?? formState(values)} action={`/people/${id}`} managers={managers} isNew={false} />
      <SignOutForm id={id} />
    </>,
  );
}

export const peoplePages = new Hono<WebEnv>()
  .get('/people', page('People, their roles and managers', ADMINS), async (c) => {
    const t = textFor(c.var.lang);
    const paging = readPaging(c);
    const role = oneOf(c.req.query('role'), ROLES);
    const { items, total } = await listPeople(c.var.deps.db, {
      q: paging.q,
      role,
      limit: paging.limit,
      offset: paging.offset,
    });
    const managers = await namesOf(
      c.var.deps.db,
      items.flatMap((p) => (p.managerId ? [p.managerId] : [])),
    );
    return renderPage(
      c,
      { title: t.people.title },
      <PeopleList
        items={items}
        managers={managers}
        total={total}
        page={paging.page}
        pageSize={paging.pageSize}
        q={paging.q}
        role={role}
      />,
    );
  })
  // Before /people/:id, which would otherwise take "new" for an id.
  .get('/people/new', page('The form to add a person', ADMINS), (c) => newPersonPage(c, formState({ role: 'staff' })))
  .post('/people', page('Add a person, optionally with a first password', ADMINS), async (c) => {
    const t = textFor(c.var.lang);
    const { values } = await readForm(c);
    const form = formState({
      email: values.email ?? '',
      name: values.name ?? '',
      role: values.role ?? '',
      managerId: values.managerId ?? '',
    });
    const parsed = parseWith(
      personCreate,
      {
        email: values.email ?? '',
        name: text(values.name),
        role: values.role,
        managerId: text(values.managerId) ?? null,
        password: values.password || undefined,
      },
      t,
    );
    if ('errors' in parsed) return newPersonPage(c, { ...form, errors: parsed.errors }, 400);
    const { password, ...input } = parsed.data;
    const actor = c.var.caller.person.id;
    const createWithPassword = (tx: Tx) =>
      createPerson(tx, now(c), actor, input).then(async (p) => {
        if (password) await setPassword(tx, now(c), actor, p.id, password);
        return p;
      });
    const done = await writeWith(() => writeTx(c.var.deps.db, createWithPassword), t);
    if ('errors' in done) return newPersonPage(c, { ...form, errors: done.errors }, 400);
    return seeOther(c, `/people/${done.data.id}?done=created`);
  })
  .get('/people/:id', page('One person: name, role, manager, active', ADMINS), (c) => personPage(c, c.req.param('id')))
  .post(
    '/people/:id/sign-out',
    page('Sign a person out everywhere: ends all their sessions and tokens', ADMINS),
    async (c) => {
      const id = c.req.param('id');
      await writeTx(c.var.deps.db, (tx) => signOutEverywhere(tx, now(c), c.var.caller.person.id, id));
      return seeOther(c, `/people/${id}?done=signedOut`);
    },
  )
  .post('/people/:id', page('Change a person’s name, role or manager, or deactivate them', ADMINS), async (c) => {
    const t = textFor(c.var.lang);
    const id = c.req.param('id');
    const { values } = await readForm(c);
    const form = formState({
      name: values.name ?? '',
      role: values.role ?? '',
      managerId: values.managerId ?? '',
      active: values.active ?? '',
    });
    const parsed = parseWith(
      personPatch,
      {
        name: text(values.name),
        role: values.role,
        managerId: text(values.managerId) ?? null,
        active: checked(values.active),
      },
      t,
    );
    if ('errors' in parsed) return personPage(c, id, { ...form, errors: parsed.errors });
    const done = await writeWith(
      () => writeTx(c.var.deps.db, (tx) => updatePerson(tx, now(c), c.var.caller.person.id, id, parsed.data)),
      t,
    );
    if ('errors' in done) return personPage(c, id, { ...form, errors: done.errors });
    return seeOther(c, `/people/${id}?done=saved`);
  });
