import { defineMessages } from '../../i18n/define-messages';

/** Full-size views of the originals (kept only for the session, checked by SHA-256). */
export const originalsMessages = defineMessages(
  {
    'originals.open': 'Open the original file',
    'originals.openHint':
      'The original stays on this computer: it is checked against the image’s SHA-256 and shown for this session only.',
    'originals.checking': 'Checking the file…',
    'originals.wrongFile': 'This file is not this image: its SHA-256 differs. Choose the original.',
    'originals.unreadable': 'The file could not be read.',
    'originals.thumbnailOnly':
      'Showing the small thumbnail. Open the original to see the image at full size.',
    'originals.fullView': 'Full view',
    'originals.fullViewOf': 'Full view: {name}',
    'originals.close': 'Close',
    'originals.reveal': 'Reveal',
    'originals.conceal': 'Blur again',
    'originals.fit': 'Fit to window',
    'originals.actualSize': 'Actual size',
    'originals.keys': 'Keys: R reveal, Z fit or actual size, Escape close.',
    'originals.undecodable': 'This browser cannot display this file’s format.',
  },
  {
    'originals.open': 'افتح الملف الأصلي',
    'originals.openHint':
      'يبقى الملف الأصلي على هذا الحاسوب: يُتحقَّق منه ببصمة SHA-256 للصورة ويُعرض لهذه الجلسة فقط.',
    'originals.checking': 'جارٍ التحقق من الملف…',
    'originals.wrongFile': 'هذا الملف ليس هذه الصورة: بصمة SHA-256 مختلفة. اختر الملف الأصلي.',
    'originals.unreadable': 'تعذّرت قراءة الملف.',
    'originals.thumbnailOnly': 'تُعرض الصورة المصغّرة. افتح الملف الأصلي لرؤية الصورة بحجمها الكامل.',
    'originals.fullView': 'عرض كامل',
    'originals.fullViewOf': 'عرض كامل: {name}',
    'originals.close': 'إغلاق',
    'originals.reveal': 'إظهار',
    'originals.conceal': 'تمويه مجددًا',
    'originals.fit': 'ملاءمة النافذة',
    'originals.actualSize': 'الحجم الفعلي',
    'originals.keys': 'المفاتيح: R للإظهار، Z للملاءمة أو الحجم الفعلي، Escape للإغلاق.',
    'originals.undecodable': 'لا يستطيع هذا المتصفح عرض صيغة هذا الملف.',
  },
);
