// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { ShadowRoots } from '../../../extension/content/page/shadow-roots.ts';

function hostsWithRoots(count: number): HTMLElement[] {
  return Array.from({ length: count }, () => {
    const host = document.body.appendChild(document.createElement('div'));
    host.attachShadow({ mode: 'open' });
    return host;
  });
}

describe('the list of shadow roots', () => {
  it('adds each root once', () => {
    const roots = new ShadowRoots();
    const [host] = hostsWithRoots(1);
    expect(roots.add(host.shadowRoot!)).toBe(true);
    expect(roots.add(host.shadowRoot!)).toBe(false);
    expect(roots.list).toEqual([host.shadowRoot]);
  });

  it('drops the roots whose host left the page as it grows, and takes one back when its host returns', () => {
    document.body.replaceChildren();
    const roots = new ShadowRoots();
    const hosts = hostsWithRoots(100);
    for (const host of hosts) roots.add(host.shadowRoot!);
    const list = roots.list;
    // A webmail re-rendering: most widgets are gone, new ones come, and the list is looked over once it has
    // doubled since the last time (at 64).
    for (const host of hosts.slice(10)) host.remove();
    const fresh = hostsWithRoots(30);
    for (const host of fresh) roots.add(host.shadowRoot!);
    expect(roots.list).toBe(list);
    expect(roots.list).toEqual([...hosts.slice(0, 10), ...fresh].map((host) => host.shadowRoot));
    document.body.append(hosts[50]);
    expect(roots.add(hosts[50].shadowRoot!)).toBe(true);
    expect(roots.list).toContain(hosts[50].shadowRoot);
  });
});
