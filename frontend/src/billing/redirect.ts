/** Stripe's Checkout and Billing Portal are on stripe.com: the browser leaves the app for them. */
export function leaveFor(url: string): void {
  window.location.assign(url);
}
