#include "analytics/wavelets/buffer.h"

#include <algorithm>
#include <new>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace streams::analytics::wavelets::detail {

DoubleBuffer allocate_doubles(std::size_t count) {
  const std::size_t bytes = std::max<std::size_t>(count, 1) * sizeof(double);
  constexpr std::size_t huge = std::size_t{2} << 20U;
  void* p = nullptr;
  if (bytes >= 2 * huge) {
    // Whole 2 MiB pages, so that all of the block can be backed by huge ones.
    const std::size_t whole = (bytes + huge - 1) / huge * huge;
    p = std::aligned_alloc(huge, whole);  // NOLINT(cppcoreguidelines-no-malloc)
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    if (p != nullptr) madvise(p, whole, MADV_HUGEPAGE);  // a hint: failure is harmless
#endif
  } else {
    p = std::malloc(bytes);  // NOLINT(cppcoreguidelines-no-malloc): uninitialised on purpose
  }
  if (p == nullptr) throw std::bad_alloc();
  return DoubleBuffer(static_cast<double*>(p));
}

}  // namespace streams::analytics::wavelets::detail
