// The main() of a fuzz target in the ordinary (GCC) builds: feeds every file of the corpus folders
// given on the command line to LLVMFuzzerTestOneInput once. So the targets always compile, and
// their corpora (seeds plus every input a fuzzing run kept) replay as a unit test, under ASan and
// UBSan in `make test`. Real fuzzing uses libFuzzer's own main (clang, `make fuzz`).

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

int main(int argc, char** argv) {
  std::size_t inputs = 0;
  for (int i = 1; i < argc; ++i) {
    const std::filesystem::path root(argv[i]);
    if (!std::filesystem::is_directory(root)) {
      std::fprintf(stderr, "%s: not a folder\n", argv[i]);
      return 2;
    }
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
      if (entry.is_regular_file()) files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
      std::string bytes(std::filesystem::file_size(file), '\0');
      std::FILE* in = std::fopen(file.c_str(), "rb");
      if (in == nullptr || std::fread(bytes.data(), 1, bytes.size(), in) != bytes.size()) {
        std::fprintf(stderr, "%s: cannot read\n", file.c_str());
        return 2;
      }
      std::fclose(in);
      LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
      ++inputs;
    }
  }
  std::printf("replayed %zu inputs\n", inputs);
  return inputs > 0 ? 0 : 1;
}
