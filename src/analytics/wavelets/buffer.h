#pragma once
// Internal: uninitialised arrays of doubles for the transforms' outputs and scratch.
#include <cstddef>
#include <cstdlib>
#include <memory>

namespace streams::analytics::wavelets::detail {

struct FreeDeleter {
  void operator()(double* p) const {
    std::free(p);
  }  // NOLINT(cppcoreguidelines-no-malloc): pairs with allocate_doubles
};
using DoubleBuffer = std::unique_ptr<double[], FreeDeleter>;

// `count` doubles, not zeroed (std::bad_alloc when there is no memory). Blocks of 4 MiB and more
// are marked for transparent huge pages, as numpy does for its arrays: large blocks are fresh
// memory at every call (malloc maps them), and faulting it in 4 KiB at a time cost ~15 µs a page
// on this project's virtual machines — a 1M-value wavedec spent 50 ms there instead of 1.
DoubleBuffer allocate_doubles(std::size_t count);

}  // namespace streams::analytics::wavelets::detail
