/* global window */
// A stand-in for office.js in Chromium: Office.onReady answers "Outlook" with an appointment being
// organised, so the task pane runs in Outlook mode. Served in place of office/office.js by the e2e
// test and the task pane bench. The draft starts from window.__fakeOutlookInit (set by an init
// script) and is driven from the test through window.__fakeOutlook: change(field, value) updates
// a field and fires the matching Office event; calls records every write and close.
(() => {
  const init = window.__fakeOutlookInit || {};
  const state = {
    subject: 'Weekly status readout',
    body: '<p>Agenda:</p><ul><li>Status update from each workstream</li><li>FYI: release numbers</li><li>Decide the launch date</li></ul>',
    requiredAttendees: [],
    optionalAttendees: [],
    start: '2026-03-02T09:00:00Z',
    end: '2026-03-02T10:00:00Z',
    recurrence: null,
    location: 'Room 4',
    organizer: { displayName: 'Orla Organizer', emailAddress: 'orla@contoso.example.com', recipientType: 'user' },
    ...init.item,
  };
  const fail = new Set(init.fail || []);
  const handlers = {};
  const calls = [];
  const eventFor = { requiredAttendees: 'olkRecipientsChanged', optionalAttendees: 'olkRecipientsChanged', start: 'olkAppointmentTimeChanged', end: 'olkAppointmentTimeChanged', recurrence: 'olkRecurrenceChanged' };
  const answer = (callback, value, field) =>
    setTimeout(() =>
      callback(fail.has(field) ? { status: 'failed', error: { name: 'GenericResponseError', message: `${field} unavailable`, code: 9020 } } : { status: 'succeeded', value }),
    0);
  const dated = (name) => ({
    getAsync: (callback) => answer(callback, new Date(state[name]), name),
    setAsync: (value, options, callback) => {
      const cb = typeof options === 'function' ? options : callback;
      state[name] = new Date(value).toISOString();
      calls.push({ call: `${name}.setAsync`, value: state[name] });
      answer(cb, undefined, `${name}.set`);
    },
  });
  const plain = (name) => ({ getAsync: (callback) => answer(callback, state[name], name) });
  const item = {
    itemType: 'appointment',
    subject: plain('subject'),
    body: {
      getAsync: (coercion, options, callback) => answer(typeof options === 'function' ? options : callback, state.body, 'body'),
      prependAsync: (html, options, callback) => {
        state.body = html + state.body;
        calls.push({ call: 'body.prependAsync', value: html, coercion: options && options.coercionType });
        answer(typeof options === 'function' ? options : callback, undefined, 'body.prepend');
      },
    },
    requiredAttendees: plain('requiredAttendees'),
    optionalAttendees: plain('optionalAttendees'),
    start: dated('start'),
    end: dated('end'),
    recurrence: plain('recurrence'),
    location: plain('location'),
    organizer: plain('organizer'),
    addHandlerAsync: (type, handler, options, callback) => {
      (handlers[type] = handlers[type] || []).push(handler);
      const cb = typeof options === 'function' ? options : callback;
      if (cb) answer(cb, undefined, 'addHandler');
    },
    close: () => calls.push({ call: 'close' }),
  };
  window.__fakeOutlook = {
    state,
    calls,
    handlers,
    change(field, value) {
      state[field] = value;
      for (const handler of handlers[eventFor[field]] || []) handler({ type: eventFor[field] });
    },
  };
  window.Office = {
    HostType: { Outlook: 'Outlook' },
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    CoercionType: { Html: 'html', Text: 'text' },
    EventType: {
      AppointmentTimeChanged: 'olkAppointmentTimeChanged',
      RecipientsChanged: 'olkRecipientsChanged',
      RecurrenceChanged: 'olkRecurrenceChanged',
      DialogMessageReceived: 'dialogMessageReceived',
      DialogEventReceived: 'dialogEventReceived',
    },
    context: {
      officeTheme: init.officeTheme || { bodyBackgroundColor: '#ffffff' },
      mailbox: { item, userProfile: { displayName: 'Orla Organizer', emailAddress: 'orla@contoso.example.com' } },
    },
    onReady: () => Promise.resolve({ host: 'Outlook', platform: 'OfficeOnline' }),
  };
})();
