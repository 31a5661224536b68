import { detectSensitivity } from '../../../src/core/sensitivity/detect-sensitivity.js';

const findSensitive = (text: string) => detectSensitivity('', text);

const categoriesOf = (text: string) => findSensitive(text).map((match) => match.category);

describe('findSensitive', () => {
  it.each([
    ['performance', 'Mid-point review of the performance improvement plan we started in June.'],
    ['performance', 'Conversación sobre tu evaluación de desempeño del primer semestre.'],
    ['performance', "Voici l'invitation pour ton entretien annuel."],
    ['performance', '今期の人事評価についての面談です。'],
    ['hr', 'You are welcome to bring a colleague or your union rep.'],
    ['hr', 'Karen from HR will join us.'],
    ['layoffs', 'We need to talk about the future of the project. The People team will be available afterwards.'],
    ['layoffs', 'Informationen zum geplanten Stellenabbau am Standort Kassel.'],
    ['health', 'A return-to-work meeting after your sick leave.'],
    ['conflict', 'Step 2 meeting regarding grievance #2025-07.'],
    ['condolence', 'Our colleague Maria passed away on Sunday.'],
    ['condolence', 'Em memória do nosso colega, após o falecimento na semana passada.'],
    ['incident', 'SEV1 declared 19:12: login service down (all platforms).'],
    ['incident', 'We detected unauthorized access to the field station file server.'],
    ['incident', 'Major incident declared 07:42: the patient record is unavailable across all sites.'],
  ])('finds %s in “%s”', (category, text) => {
    expect(categoriesOf(text)).toContain(category);
  });

  it.each([
    'Quarterly readout: recordable injuries (2, both minor), near-miss reports and vehicle incidents (1).',
    'Incident numbers by category – for information',
    'Please report any scheduling conflicts to Linda by Friday.',
    'Expected downtime per PC: about 45 minutes, planned outage on Saturday.',
    'Sales are down 3% week on week; the dashboard has the detail.',
    'Regional earthquake exercise: evacuation drill scenario and partner agencies.',
    'Memorial Day office hours and the holiday rota.',
    'Meet your HR contacts and tour the lab.',
  ])('does not flag “%s”', (text) => {
    expect(categoriesOf(text)).toEqual([]);
  });
});
