/** Whether a request's e-mail address is one VI would accept (fax to e-mail, 911 alerts). */
const emailPattern = /^[^\s@<>()",;]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/

export function isEmailAddress(text: string): boolean {
  return text.length <= 254 && emailPattern.test(text)
}
