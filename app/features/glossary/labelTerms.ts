/**
 * The glossary entry behind each label the screens show: lanes of the folio tree, legend
 * entries, inspector fields. `<TermLabel label="…">` looks labels up here, so a view can make
 * its words explain themselves with a one-line change.
 */
export const LABEL_TERMS: Readonly<Record<string, string>> = {
  // Lanes (rows) of the folio tree.
  offset: 'offset',
  'HugeTLB blocks': 'hugetlb-block',
  '1G blocks': 'hugetlb-block',
  '2M blocks': 'hugetlb-block',
  folios: 'folio',
  '1G folios': 'folio',
  '2M folios': 'folio',
  '4K folios': 'folio',
  '4K pages': 'page',
  'page data': 'uptodate',
  'VMM mmap': 'vma',
  'host PTEs': 'host-pte',
  'stage-2': 'stage2',
  'pins / refs': 'gup-pin',
  orphans: 'orphan',
  // Inspector fields.
  'Page state': 'page-state',
  'States in range': 'page-state',
  Attribute: 'attribute',
  Folio: 'folio',
  Refcount: 'refcount',
  Counts: 'mapcount',
  Holders: 'gup-pin',
  'HugeTLB block': 'hugetlb-block',
  'VMM mapping': 'vma',
  'Host PTE': 'host-pte',
  'Stage-2': 'stage2',
  Content: 'uptodate',
  Poisoned: 'poisoned',
  File: 'guest-memfd',
  'HugeTLB pool': 'subpool',
  Orphans: 'orphan',
  // Groups of the operation palette.
  Attributes: 'attribute',
  Memory: 'allocate',
  Host: 'host-access',
  References: 'refcount',
  'Guest and hardware': 'guest-access',
  // Legend entries.
  shared: 'shared',
  private: 'private',
  'page states': 'page-state',
  'block states': 'hugetlb-block',
  leaked: 'leaked',
  poisoned: 'poisoned',
};
