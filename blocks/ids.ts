/**
 * Every action_id, callback_id and block_id that Slack sends back to us. Listeners register on
 * these, builders use them; nothing else spells them.
 */
export const ActionId = {
  /** Kunde hinzufügen (inquiry message): the assign-request flow; value: the inquiry id. */
  assignRequestInquiry: "assign_request_inquiry",
  /** Kunde verbinden (invitation message): the assign-request flow; value: the invitation id. */
  assignRequestInvitation: "assign_request_invitation",
  /** Einladung ablehnen (invitation message); value: the invitation id. */
  declineInvitation: "decline_invitation",
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
  addNote: "add_note",
  /** Antworten on a request: opens the answer modal; value: a RequestRef. */
  answerRequest: "request_answer",
  /** The Phase select on a request; option values `<type>:<id>:<phase>` (blocks/requests/phase.ts). */
  changePhase: "request_phase",
  /** Zuweisen on a request: opens the modal Zuweisen; value: a RequestRef. */
  assignMember: "request_assign_member",
  /** Wiedervorlage on a request: opens the modal Wiedervorlage; value: a RequestRef. */
  followUp: "request_follow_up",
  /** Wiedervorlage löschen in the modal Wiedervorlage; value: a RequestRef. */
  deleteFollowUp: "request_follow_up_delete",
  /** Vorlage in the answer modal: fills Betreff and Nachricht (views.update). */
  answerTemplate: "answer_template",
  /** /kunden vorlagen: Neue Vorlage; Bearbeiten and Löschen (value: the template id). */
  newTemplate: "template_new",
  editTemplate: "template_edit",
  deleteTemplate: "template_delete",
} as const;

export const CallbackId = {
  /** Kunde hinzufügen / Kunde verbinden modal. */
  assignRequest: "assign_request",
  declineInvitation: "decline_invitation",
  recordInquiry: "record_inquiry",
  customerForm: "customer_form",
  assignDomain: "assign_domain",
  assignContract: "assign_contract",
  createTask: "create_task",
  customerCard: "customer_card",
  fullMessage: "full_message",
  /** The search modal opened from the App Home. */
  customerSearch: "customer_search",
  /** The Notiz modal of a request. */
  addNote: "add_note",
  /** The modal Zuweisen (Teammitglied). */
  assignMember: "assign_member",
  /** The modal Wiedervorlage (Datum, Uhrzeit, Notiz); private_metadata: the request. */
  followUp: "follow_up",
  /** /kunden löschen: Endgültig löschen; private_metadata: the address. */
  erasePerson: "erase_person",
  /** Antworten: the answer modal; private_metadata: the request and the generation of its inputs. */
  answerRequest: "answer_request",
  /** /kunden vorlagen: the list of templates (no submit). */
  templateList: "template_list",
  /** Neue Vorlage / Bearbeiten: the template form; private_metadata: the template id, if any. */
  templateForm: "template_form",
} as const;

/**
 * Ids of earlier versions, still accepted, each mapped to the id that took its place: channel
 * messages and App Homes posted before an update keep their buttons until they are re-rendered
 * (a request's message is re-rendered only when something about it changes), and a modal open
 * during an update submits its old callback_id. Never reuse one of these for something else.
 */
export const ActionIdAlias: Record<string, string> = {
  inquiry_add_customer: ActionId.assignRequestInquiry,
  invitation_connect_customer: ActionId.assignRequestInvitation,
  invitation_decline: ActionId.declineInvitation,
  request_note: ActionId.addNote,
};

export const CallbackIdAlias: Record<string, string> = {
  decide_request: CallbackId.assignRequest,
  domain_form: CallbackId.assignDomain,
  contract_form: CallbackId.assignContract,
  task_form: CallbackId.createTask,
  request_note: CallbackId.addNote,
};

/**
 * Inputs of the answer modal. Betreff and Nachricht get a new block_id (`<base>_<generation>`)
 * whenever a template fills them, because Slack keeps what an input holds while its block_id stays.
 */
export const AnswerBlock = {
  recipient: "answer_recipient",
  template: "answer_template",
  subject: "answer_subject",
  text: "answer_text",
} as const;

/** Inputs of the template form (block_id; each input's action_id is "value"). */
export const TemplateBlock = {
  name: "template_name",
  subject: "template_subject",
  text: "template_text",
} as const;

/** The input of the Notiz modal (block_id; its action_id is "value"). */
export const NoteBlock = { text: "note_text" } as const;

/** Inputs of the modal Wiedervorlage (block_id; each input's action_id is "value"). */
export const FollowUpBlock = {
  date: "follow_up_date",
  time: "follow_up_time",
  note: "follow_up_note",
  /** The actions block with Wiedervorlage löschen. */
  delete: "follow_up_delete",
} as const;

/** The input of the modal Zuweisen: block_id and action_id of the user select Teammitglied. */
export const AssignMemberBlock = { member: "assign_member_user" } as const;

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
