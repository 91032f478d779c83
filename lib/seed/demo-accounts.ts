/** The demo people seeded into the embedded database; the sign-in page lists them in mailbox mode. */
export const DEMO_ACCOUNTS = [
  { email: "owner@demo.test", name: "Olivia Owner", duty: "Workspace owner (can start and cancel cases)" },
  { email: "tenant.admin@demo.test", name: "Tara Tenant", duty: "Tenant administrator" },
  {
    email: "receiver.admin@partner.test",
    name: "Rafael Receiver",
    duty: "Receiver administrator (guest from the partner company)",
  },
  { email: "developer@demo.test", name: "Dana Developer", duty: "Integration developer" },
  { email: "sender.admin@shop.test", name: "Sam Sender", duty: "Sender administrator (guest from the shop's company)" },
  {
    email: "lb.admin@provider.test",
    name: "Lena Balancer",
    duty: "Load balancer administrator (guest from the infrastructure provider)",
  },
] as const;
