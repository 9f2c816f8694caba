/** How a referrer sees a referee: the nickname they chose, else the address masked (`w***@example.com`), else the phone's last digits. */
export function refereeName(u: { nickname: string | null; email: string | null; phone: string | null }): string {
  if (u.nickname) return u.nickname;
  if (u.email) {
    const at = u.email.lastIndexOf('@');
    return `${u.email.slice(0, Math.min(1, at))}***${u.email.slice(at)}`;
  }
  return u.phone ? `***${u.phone.slice(-3)}` : '***';
}
