// Colour theme: "light", "dark" or "auto" (follow the system), chosen with the header's switch and
// kept in localStorage. A classic script loaded in <head>, so the first paint has the right colours.
(() => {
  const KEY = 'pma.theme';
  const system = window.matchMedia('(prefers-color-scheme: dark)');
  const chosen = () => localStorage.getItem(KEY) ?? 'auto';
  const apply = () => {
    const choice = chosen();
    const dark = choice === 'dark' || (choice === 'auto' && system.matches);
    document.documentElement.dataset.theme = dark ? 'dark' : 'light';
    document.documentElement.dataset.themeChoice = choice;
  };
  apply();
  system.addEventListener('change', apply);
  window.pmaTheme = {
    chosen,
    /** auto → light → dark → auto; returns the new choice. */
    next() {
      const order = ['auto', 'light', 'dark'];
      const choice = order[(order.indexOf(chosen()) + 1) % order.length];
      localStorage.setItem(KEY, choice);
      apply();
      return choice;
    },
  };
})();
