// Brute-force protection, pkg/services/loginattempt/loginattemptimpl/login_attempt.go:
// failed logins are counted per lower-cased username over a 5 minute window, and once
// 5 are recorded (brute_force_login_protection_max_attempts) every login for that user fails.
const WINDOW_MS = 5 * 60_000;
const MAX_ATTEMPTS = 5;

export class LoginAttempts {
  #failures = new Map<string, number[]>();

  add(username: string, now = Date.now()): void {
    const key = username.toLowerCase();
    this.#failures.set(key, [...this.#recent(key, now), now]);
  }

  count(username: string, now = Date.now()): number {
    return this.#recent(username.toLowerCase(), now).length;
  }

  isBlocked(username: string, now = Date.now()): boolean {
    return this.count(username, now) >= MAX_ATTEMPTS;
  }

  reset(): void {
    this.#failures.clear();
  }

  #recent(key: string, now: number): number[] {
    return (this.#failures.get(key) ?? []).filter((at) => now - at < WINDOW_MS);
  }
}
