// The header's user menu: the signed-in user's name, "Change password" (a small form) and
// "Sign out".
import type { AccountClient } from '../../api/account';
import { h } from '../../components/dom';

export class UserMenu {
  readonly el: HTMLElement;

  constructor(client: AccountClient, userName: string, onSignedOut: () => void) {
    const menu = h('div', { class: 'user-menu-panel', id: 'user-menu-panel', role: 'menu', hidden: true });
    const button = h(
      'button',
      { type: 'button', class: 'button user-button', id: 'user-menu', 'aria-haspopup': 'true', 'aria-expanded': 'false', 'aria-controls': 'user-menu-panel' },
      userName,
    );
    const setOpen = (open: boolean) => {
      menu.hidden = !open;
      button.setAttribute('aria-expanded', String(open));
    };
    button.addEventListener('click', () => setOpen(menu.hidden));

    const message = h('p', { class: 'form-message', role: 'status', hidden: true });
    const current = h('input', { type: 'password', class: 'input', id: 'pw-current', autocomplete: 'current-password', required: true });
    const next = h('input', { type: 'password', class: 'input', id: 'pw-new', autocomplete: 'new-password', minlength: 8, required: true });
    const again = h('input', { type: 'password', class: 'input', id: 'pw-again', autocomplete: 'new-password', minlength: 8, required: true });
    const pwForm = h(
      'form',
      { class: 'password-form', hidden: true, 'aria-label': 'Change password' },
      h('label', { for: 'pw-current' }, 'Current password'),
      current,
      h('label', { for: 'pw-new' }, 'New password (8+ characters)'),
      next,
      h('label', { for: 'pw-again' }, 'New password again'),
      again,
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'button primary' }, 'Change')),
    );
    const say = (text: string, error: boolean) => {
      message.textContent = text;
      message.classList.toggle('form-error', error);
      message.hidden = false;
    };
    pwForm.addEventListener('submit', (e) => {
      e.preventDefault();
      if (next.value !== again.value) {
        say('The new passwords differ.', true);
        return;
      }
      client
        .changePassword(current.value, next.value)
        .then(() => {
          say('Password changed. Other sessions were signed out.', false);
          pwForm.reset();
          pwForm.hidden = true;
        })
        .catch((err: unknown) => say(err instanceof Error ? err.message : String(err), true));
    });

    const changeItem = h('button', { type: 'button', role: 'menuitem', class: 'menu-item', id: 'menu-password' }, 'Change password');
    changeItem.addEventListener('click', () => {
      pwForm.hidden = !pwForm.hidden;
      message.hidden = true;
      if (!pwForm.hidden) current.focus();
    });
    const signOut = h('button', { type: 'button', role: 'menuitem', class: 'menu-item', id: 'menu-signout' }, 'Sign out');
    signOut.addEventListener('click', () => {
      client
        .logout()
        .catch(() => undefined)
        .finally(() => onSignedOut());
    });
    menu.append(h('p', { class: 'menu-user' }, 'Signed in as ', h('strong', {}, userName)), changeItem, pwForm, message, signOut);
    this.el = h('div', { class: 'user-menu' }, button, menu);
  }
}
