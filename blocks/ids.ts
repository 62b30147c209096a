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
  homeSearch: "home_search",
  showFullMessage: "request_show_message",
  /** Page buttons of every paginated list; value: a PageRef (blocks/pager.ts) as JSON. */
  pagePrev: "page_prev",
  pageNext: "page_next",
  /** Übernehmen on a request (message, lists, App Home); value: a RequestRef `<type>:<id>`. */
  takeRequest: "request_take",
  /** Abgeben on a request someone holds; value: a RequestRef. */
  releaseRequest: "request_release",
  /** Notiz on a request: opens the note modal; value: a RequestRef. */
  addNote: "request_note",
} as const;

export const CallbackId = {
  /** Kunde hinzufügen / Kunde verbinden modal. */
  assignRequest: "decide_request",
  declineInvitation: "decline_invitation",
  recordInquiry: "record_inquiry",
  customerForm: "customer_form",
  domainForm: "domain_form",
  contractForm: "contract_form",
  taskForm: "task_form",
  customerCard: "customer_card",
  fullMessage: "full_message",
  /** The search modal opened from the App Home. */
  customerSearch: "customer_search",
  /** The Notiz modal of a request. */
  requestNote: "request_note",
  /** /kunden löschen: Endgültig löschen; private_metadata: the address. */
  erasePerson: "erase_person",
} as const;

/** The input of the Notiz modal (block_id; its action_id is "value"). */
export const NoteBlock = { text: "note_text" } as const;

/** Input blocks of the customer forms: each is the block_id and the action_id of its field. */
export const FieldId = {
  company: "customer_company",
  firstName: "customer_first_name",
  lastName: "customer_last_name",
  email: "customer_email",
  phone: "customer_phone",
  address: "customer_address",
  notes: "customer_notes",
  domainName: "domain_name",
  contractTitle: "contract_title",
  contractNumber: "contract_number",
  contractStartsOn: "contract_starts_on",
  contractNotes: "contract_notes",
  taskTitle: "task_title",
  taskDueOn: "task_due_on",
  taskAssignee: "task_assignee",
  searchQuery: "search_query",
} as const;

/** Bestehender Kunde: the block of the external select in the decision modal. */
export const EXISTING_CUSTOMER_BLOCK = "existing_customer";

/** The action_id of the one input in a block that is not a customer field. */
export const INPUT_ACTION = "value";

/** Persönliche Nachricht in the Einladung ablehnen modal. */
export const PERSONAL_MESSAGE_BLOCK = "personal_message";
export const PERSONAL_MESSAGE_ACTION = INPUT_ACTION;

/** Input blocks of the "Anfrage erfassen" modal (block_id; each input's action_id is "value"). */
export const RecordInquiryBlock = {
  name: "inquiry_name",
  email: "inquiry_email",
  phone: "inquiry_phone",
  company: "inquiry_company",
  message: "inquiry_message",
  receivedAt: "inquiry_received_at",
} as const;
