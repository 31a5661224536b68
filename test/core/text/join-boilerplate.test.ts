import { stripJoinBoilerplate } from '../../../src/core/text/join-boilerplate.js';

const teams = `Agenda: budget.

________________________________________________________________________________
Microsoft Teams meeting
Join on your computer, mobile app or room device
Click here to join the meeting
Meeting ID: 390 118 742 660
Passcode: Em3rGx
Download Teams | Join on the web
Or call in (audio only)
+44 20 7946 0198,,733105482# United Kingdom, London
Phone Conference ID: 733 105 482#
Find a local number | Reset PIN
Learn More | Meeting options
________________________________________________________________________________`;

const zoom = `Please read the report first.

Join Zoom Meeting
https://example.zoom.us/j/97533182040?pwd=73p7jl5WE9Z7
Meeting ID: 975 3318 2040
Passcode: 664102
---
One tap mobile
+13125550147,,97533182040#,,,,*664102# US (Chicago)
Dial by your location
• +1 312 555 0147 US (Chicago)
Find your local number: https://example.zoom.us/u/TVwf0pmM`;

const meet = `Yesterday / today / blockers.

Join with Google Meet
meet.google.com/qdn-vxmb-ept
Join by phone
(CA) +1 514-555-0173 PIN: 517 620 448#
More phone numbers: https://tel.meet/qdn-vxmb-ept?pin=517620448`;

const webex = `Quarterly review of the vendor scorecard.

Join Webex meeting
https://example.webex.com/example/j.php?MTID=m123
Meeting number (access code): 2550 123 4567
Meeting password: Qx7pT
Tap to join from a mobile device (attendees only)
+1-408-555-0100,,25501234567## United States Toll
Join by phone
+1-408-555-0100 United States Toll
Global call-in numbers`;

describe('stripJoinBoilerplate', () => {
  it.each([
    ['Teams', teams, 'Agenda: budget.'],
    ['Zoom', zoom, 'Please read the report first.'],
    ['Google Meet', meet, 'Yesterday / today / blockers.'],
    ['Webex', webex, 'Quarterly review of the vendor scorecard.'],
  ])('removes a pasted %s join block and keeps the agenda', (_vendor, body, kept) => {
    expect(stripJoinBoilerplate(body)).toBe(kept);
  });

  it('keeps agenda lines that merely mention numbers or meetings', () => {
    const body = '• Shuttle bus every 12 minutes, 06:00–22:00\n• Decide whether the board meeting moves to 14 May';
    expect(stripJoinBoilerplate(body)).toBe(body);
  });
});
