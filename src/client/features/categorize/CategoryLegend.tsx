import type { CategoryScheme } from '../../../domain/case/category-schemes';
import { useT } from '../../i18n/use-t';
import type { MessageKey } from '../../i18n/catalog';

/** Translated label of a category value under a scheme ('Uncategorized' for null). */
export function categoryLabelKey(scheme: CategoryScheme, value: number | null): MessageKey {
  if (value === null) return 'category.none';
  return `category.${scheme.id}.${value}` as MessageKey;
}

/** Which digit sets which category, always visible beside the grid. */
export function CategoryLegend(props: { scheme: CategoryScheme }) {
  const t = useT();
  return (
    <section className="category-legend" aria-label={t('category.keys')}>
      <h3>{t(('category.scheme.' + props.scheme.id) as MessageKey)}</h3>
      <dl>
        {props.scheme.categories.map((c) => (
          <div key={c.value} data-tone={c.tone}>
            <dt>
              <kbd>{c.key}</kbd>
            </dt>
            <dd>{t(categoryLabelKey(props.scheme, c.value))}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
