/**
 * English messages: the source of truth for message keys. Every visible string goes through `t()`.
 * A value is a string, or plural forms keyed by Intl.PluralRules categories (`other` required);
 * `{name}` placeholders are filled from the params (numbers are formatted for the language).
 */
export const en = {
  'app.name': 'Waymark',
  'app.tagline': 'Victim-identification workbench',
  'app.skipToContent': 'Skip to content',
  'nav.main': 'Main',
  'nav.cases': 'Cases',
  'language.label': 'Language',
  'cases.title': 'Cases',
  'cases.new': 'New case',
  'cases.empty.title': 'No cases yet',
  'cases.empty.body':
    'Create a case to load an image set, group it into series and record leads. Everything stays in this browser until you share it.',
  'cases.list': 'Your cases',
  'cases.created': 'Created {date}',
  'cases.dialog.title': 'New case',
  'cases.dialog.name': 'Case name',
  'cases.dialog.nameHint': 'For example the operation name or the seizure reference.',
  'cases.dialog.create': 'Create',
  'cases.dialog.cancel': 'Cancel',
  'cases.error.empty': 'Enter a name for the case.',
  'cases.error.tooLong': 'The name is too long (at most {max} characters).',
  'cases.error.storage': 'The case could not be saved in this browser: {reason}',
  'case.notFound.title': 'Case not found',
  'case.notFound.body':
    'This browser has no case with that address. It may have been opened on another machine.',
  'case.backToCases': 'Back to cases',
  'case.imageCount': { one: '{count} image', other: '{count} images' },
  'case.empty.title': 'No images in this case yet',
  'case.empty.body': 'Image sets are added here; they are hashed in this browser and never uploaded.',
  'common.loading': 'Loading…',
} as const;

export type MessageKey = keyof typeof en;
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
export type Messages = Record<MessageKey, string | PluralForms>;
