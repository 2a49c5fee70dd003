/**
 * The threads and patches the tours cite, spelled once: subject as posted, author, date. A
 * conference audience can look each one up on lore.kernel.org.
 */
export const FD_V5 =
  'Quentin Perret in "[PATCH v5 00/13] KVM: mm: fd-based approach for supporting KVM guest private memory" (April 2022)';
export const HUGE_V1 = '"[RFC PATCH 00/39] 1G page support for guest_memfd" (Ackerley Tng, 2024-09-10)';
export const HUGE_V2 = '"[RFC PATCH v2 00/51] 1G page support for guest_memfd" (Ackerley Tng, 2025-05-14)';
export const IN_PLACE = '"guest_memfd: In-place conversion support" v7 (Ackerley Tng, 2026-05-22)';
export const MMAP_RFC =
  '"[PATCH RFC 4/4] mm: guest_memfd: Add ability for mmap\'ing pages" (Elliot Berman and David Hildenbrand, August 2024)';
export const EXCLUSIVE_PIN =
  '"mm/gup: Introduce exclusive GUP pinning" (Elliot Berman, David Hildenbrand, June 2024)';
export const TDX_PINNING =
  '"KVM: TDX: Drop superfluous page pinning in S-EPT management" (Yan Zhao, posted by Sean Christopherson, 2025-08-29)';
export const TDX_HUGE =
  '"KVM: TDX huge page support for private memory" (Yan Zhao and Vishal Annapurve, 2025-05-07)';
