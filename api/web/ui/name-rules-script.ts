/**
 * The supplier form's one script (progressive enhancement): as the manager types a name or an alias, it asks
 * `/suppliers/name-rules` (the session's cookie, same origin) how each name will match and redraws the list.
 * Text only (textContent), so a typed name never becomes markup.
 */
export const NAME_RULES_SCRIPT = `(() => {
  const form = document.querySelector('#name-rules')?.closest('form');
  const list = document.getElementById('name-rules');
  const name = document.getElementById('f-name');
  const aliases = document.getElementById('f-aliases');
  if (!form || !list || !name || !aliases) return;
  let timer = 0;
  let pending = null;
  const update = async () => {
    const query = new URLSearchParams();
    query.append('name', name.value);
    for (const alias of aliases.value.split(/\\r?\\n/)) if (alias.trim()) query.append('alias', alias);
    pending?.abort();
    const mine = (pending = new AbortController());
    try {
      const res = await fetch('/suppliers/name-rules?' + query, { credentials: 'same-origin', headers: { Accept: 'application/json' }, signal: mine.signal });
      if (!res.ok) return;
      const { items } = await res.json();
      if (mine !== pending) return;
      list.replaceChildren(...items.map((r) => {
        const li = document.createElement('li');
        li.dataset.rule = r.rule;
        const strong = document.createElement('strong');
        strong.textContent = r.name;
        li.append(strong, ': ' + r.text);
        return li;
      }));
    } catch {
      // Offline or aborted: the list keeps what it showed; saving shows the rules anyway.
    }
  };
  const soon = () => {
    clearTimeout(timer);
    timer = setTimeout(update, 150);
  };
  name.addEventListener('input', soon);
  aliases.addEventListener('input', soon);
})();
`;
