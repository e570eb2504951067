// The sign-in screen: user name and password, the server's answer shown in place (wrong
// password, throttled with the wait). Everything user-supplied is shown as text, never HTML.
import type { AccountClient } from '../../api/account';
import { h } from '../../components/dom';

export class LoginScreen {
  readonly el: HTMLElement;

  constructor(client: AccountClient, onSignedIn: () => void, onCancel?: () => void) {
    const user = h('input', { id: 'login-user', name: 'username', class: 'input', autocomplete: 'username', required: true, autofocus: true });
    const pass = h('input', { id: 'login-password', name: 'password', type: 'password', class: 'input', autocomplete: 'current-password', required: true });
    const error = h('p', { class: 'form-error', role: 'alert', hidden: true });
    const submit = h('button', { type: 'submit', class: 'button primary', id: 'login-submit' }, 'Sign in');
    const form = h(
      'form',
      { class: 'login-form', 'aria-labelledby': 'login-title' },
      h('h1', { id: 'login-title', class: 'login-title' }, 'Sign in to streams'),
      h('label', { for: 'login-user' }, 'User name'),
      user,
      h('label', { for: 'login-password' }, 'Password'),
      pass,
      error,
      h('div', { class: 'form-actions' }, submit, onCancel ? h('button', { type: 'button', class: 'button', onclick: () => onCancel() }, 'Cancel') : null),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      submit.disabled = true;
      error.hidden = true;
      client
        .login(user.value, pass.value)
        .then(() => onSignedIn())
        .catch((err: unknown) => {
          error.textContent = err instanceof Error ? err.message : String(err);
          error.hidden = false;
          pass.value = '';
          pass.focus();
        })
        .finally(() => {
          submit.disabled = false;
        });
    });
    this.el = h('div', { class: 'login-screen' }, h('div', { class: 'card login-card' }, form));
  }
}
