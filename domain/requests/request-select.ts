/**
 * The columns of a request that every reader needs (who sent it, what, when, its state). The
 * repositories add what only they need, so that one column list is not spelled out four times.
 */
export const inquiryContactSelect = {
  id: true,
  name: true,
  email: true,
  phone: true,
  company: true,
  message: true,
  receivedAt: true,
  status: true,
  // Mailed inquiries show where they came from, also after a decision.
  source: true,
  subject: true,
  attachments: true,
} as const;

export const invitationContactSelect = {
  id: true,
  name: true,
  email: true,
  company: true,
  customerNumber: true,
  accessLevel: true,
  message: true,
  receivedAt: true,
  status: true,
} as const;
