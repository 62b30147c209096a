/**
 * Every action_id, callback_id and block_id that Slack sends back to us. Listeners register on
 * these, builders use them; nothing else spells them.
 */
export const ActionId = {
  /** Kunde hinzufügen (inquiry message); value: the inquiry id. */
  addCustomer: "inquiry_add_customer",
  /** Kunde verbinden (invitation message); value: the invitation id. */
  connectCustomer: "invitation_connect_customer",
  /** Einladung ablehnen (invitation message); value: the invitation id. */
  declineInvitation: "invitation_decline",
  /** Bestehender Kunde: the external select in the decision and customer modals. */
  existingCustomer: "existing_customer",
  /** Opens the customer card; value: the customer id. */
  openCustomer: "customer_open",
  editCustomer: "customer_edit",
  assignDomain: "customer_assign_domain",
  assignContract: "customer_assign_contract",
  createTask: "customer_create_task",
  toggleTask: "task_toggle_done",
  createCustomer: "customer_create",
  searchPage: "search_page",
  homeSearch: "home_search",
  showFullMessage: "request_show_message",
} as const;

export const CallbackId = {
  /** Kunde hinzufügen / Kunde verbinden modal. */
  decideRequest: "decide_request",
  declineInvitation: "decline_invitation",
  recordInquiry: "record_inquiry",
  customerForm: "customer_form",
  domainForm: "domain_form",
  contractForm: "contract_form",
  taskForm: "task_form",
  customerCard: "customer_card",
  fullMessage: "full_message",
} as const;

/** Input blocks of the "Anfrage erfassen" modal (block_id; each input's action_id is "value"). */
export const RecordInquiryBlock = {
  name: "inquiry_name",
  email: "inquiry_email",
  phone: "inquiry_phone",
  company: "inquiry_company",
  message: "inquiry_message",
  receivedAt: "inquiry_received_at",
} as const;
