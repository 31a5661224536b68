import { detectLanguage, supportedLanguageOf, type SupportedLanguage } from '../../src/core/language.js';

describe('detectLanguage', () => {
  it.each<[SupportedLanguage, string]>([
    ['en', 'Weekly status: please send your figures for the week and any blockers you are facing.'],
    ['es', 'Hola equipo: cada coordinador comparte el avance y las cifras de la semana antes de la reunión.'],
    ['de', 'Hallo zusammen, bitte die Kennzahlen der Woche vorher eintragen, wir gehen nicht jede Zeile durch.'],
    ['fr', 'Bonjour à tous, chaque responsable présente les chiffres de la semaine et nous faisons le point sur les essais.'],
    ['pt', 'Olá pessoal, cada gerente apresenta os indicadores dos projetos, com os números do mês e o que não avançou.'],
    ['nl', 'Hoi allemaal, zoals elke week geeft iedere teamleider een update van de cijfers voor de planning.'],
    ['it', 'Ciao a tutti, ogni capoturno presenta lo stato della produzione e i numeri della settimana per il reparto.'],
    ['ja', '毎週の進捗報告です。各担当者から今週の進捗と数値を報告してください。'],
  ])('recognises a short %s sample', (language, text) => {
    expect(detectLanguage(text)).toBe(language);
  });

  it('lets a declared, supported language win over the text', () => {
    expect(detectLanguage('Weekly status: please send your figures for the week.', 'de')).toBe('de');
  });

  it('reads a regional code as its language', () => {
    expect(detectLanguage('', 'pt-BR')).toBe('pt');
    expect(detectLanguage('', 'ja_JP')).toBe('ja');
    expect(detectLanguage('', 'FR-ca')).toBe('fr');
    expect(supportedLanguageOf('es-419')).toBe('es');
  });

  it('reads the text when the declared language is not one it supports', () => {
    expect(detectLanguage('Hallo zusammen, bitte die Zahlen der Woche vorher eintragen und nicht vergessen.', 'zh-CN')).toBe('de');
    expect(supportedLanguageOf('zh-CN')).toBeUndefined();
  });

  it('falls back to English when there is too little text to tell', () => {
    expect(detectLanguage('')).toBe('en');
    expect(detectLanguage('Sync')).toBe('en');
    expect(detectLanguage('Jour fixe')).toBe('en');
  });

  it('falls back to English when two languages score the same', () => {
    expect(detectLanguage('der die le les')).toBe('en');
  });

  it('keeps a Japanese invite Japanese despite an English join footer', () => {
    const text = '設計レビュー会議です。試作機の評価結果を共有します。\nMicrosoft Teams meeting\nJoin on your computer or mobile app';
    expect(detectLanguage(text)).toBe('ja');
  });

  it('keeps an English invite English when it names a Japanese colleague', () => {
    expect(detectLanguage('Please review the Q3 figures with 田中 before the meeting and bring your questions.')).toBe('en');
  });

  it('is cheap enough to run on every draft, even on a very long body', () => {
    const longBody = 'Bitte die Kennzahlen der Woche vorher eintragen und die offenen Punkte prüfen. '.repeat(400);
    const started = performance.now();
    for (let i = 0; i < 1000; i++) detectLanguage(longBody);
    expect(detectLanguage(longBody)).toBe('de');
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
