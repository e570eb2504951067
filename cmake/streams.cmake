# Helpers that give every module the same shape (STYLE.md example 2):
#   streams_module(NAME SOURCES ... DEPS ...)   -> library target streams_<name>, alias streams::<name>
#   streams_test(NAME SOURCES ... DEPS ... [LABELS ...])  -> GoogleTest executable registered with CTest
#   streams_bench(NAME SOURCES ... DEPS ...)    -> Google Benchmark executable, built by `bench`
#   streams_fuzz(NAME SOURCES ... DEPS ...)     -> fuzz target over fuzz/corpus/NAME (see below)
# Includes are written from src/ ("core/symbol.h"), so every module exports that directory.

set(STREAMS_SRC_DIR "${PROJECT_SOURCE_DIR}/src")

function(streams_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
    -Wold-style-cast -Wcast-align -Woverloaded-virtual -Wnull-dereference -Wimplicit-fallthrough)
  if(STREAMS_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

function(streams_sanitize target)
  if(STREAMS_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer
      -fno-sanitize-recover=undefined)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
endfunction()

function(streams_module name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(streams_${name} STATIC ${ARG_SOURCES})
  add_library(streams::${name} ALIAS streams_${name})
  target_include_directories(streams_${name} PUBLIC "${STREAMS_SRC_DIR}")
  target_link_libraries(streams_${name} PUBLIC ${ARG_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
  streams_warnings(streams_${name})
  streams_sanitize(streams_${name})
endfunction()

# Every unit-test executable joins the `unit_tests` target so the sanitizer build can build only those.
if(NOT TARGET unit_tests)
  add_custom_target(unit_tests)
endif()

function(streams_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;LABELS" ${ARGN})
  if(NOT STREAMS_BUILD_TESTS)
    return()
  endif()
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gmock GTest::gtest_main)
  target_include_directories(${name} PRIVATE "${STREAMS_SRC_DIR}")
  target_compile_definitions(${name} PRIVATE STREAMS_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  streams_warnings(${name})
  streams_sanitize(${name})
  if(NOT ARG_LABELS)
    set(ARG_LABELS unit)
  endif()
  add_test(NAME ${name} COMMAND ${name} --gtest_brief=1)
  set_tests_properties(${name} PROPERTIES LABELS "${ARG_LABELS}")
  if("unit" IN_LIST ARG_LABELS)
    add_dependencies(unit_tests ${name})
  endif()
endfunction()

if(NOT TARGET bench)
  add_custom_target(bench)
endif()

function(streams_bench name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  if(NOT STREAMS_BUILD_BENCH)
    return()
  endif()
  add_executable(${name} EXCLUDE_FROM_ALL ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} benchmark::benchmark benchmark::benchmark_main)
  target_compile_definitions(${name} PRIVATE STREAMS_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  streams_warnings(${name})
  add_dependencies(bench ${name})
endfunction()

# Fuzz targets (a source defining LLVMFuzzerTestOneInput, seeds in fuzz/corpus/<name>/ beside it):
# - with STREAMS_FUZZ (the `fuzz` preset, clang): a libFuzzer executable fuzz_<name>, built by the
#   `fuzzers` target and run by scripts/fuzz (`make fuzz`);
# - otherwise: the same source linked with tests/fuzz/replay_main.cc, registered as the unit test
#   fuzz_<name>_corpus that replays the corpus (so it also runs under ASan/UBSan in `make test`).
if(NOT TARGET fuzzers)
  add_custom_target(fuzzers)
endif()

function(streams_fuzz name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  set(corpus "${CMAKE_CURRENT_SOURCE_DIR}/fuzz/corpus/${name}")
  if(STREAMS_FUZZ)
    add_executable(fuzz_${name} ${ARG_SOURCES})
    target_link_libraries(fuzz_${name} PRIVATE ${ARG_DEPS})
    target_include_directories(fuzz_${name} PRIVATE "${STREAMS_SRC_DIR}")
    target_link_options(fuzz_${name} PRIVATE -fsanitize=fuzzer,address,undefined)
    set_property(GLOBAL APPEND PROPERTY STREAMS_FUZZ_CORPORA "${name}=${corpus}")
    add_dependencies(fuzzers fuzz_${name})
    return()
  endif()
  if(NOT STREAMS_BUILD_TESTS)
    return()
  endif()
  add_executable(fuzz_${name}_replay ${ARG_SOURCES} "${PROJECT_SOURCE_DIR}/tests/fuzz/replay_main.cc")
  target_link_libraries(fuzz_${name}_replay PRIVATE ${ARG_DEPS})
  target_include_directories(fuzz_${name}_replay PRIVATE "${STREAMS_SRC_DIR}")
  streams_warnings(fuzz_${name}_replay)
  streams_sanitize(fuzz_${name}_replay)
  add_test(NAME fuzz_${name}_corpus COMMAND fuzz_${name}_replay "${corpus}")
  set_tests_properties(fuzz_${name}_corpus PROPERTIES LABELS unit)
  add_dependencies(unit_tests fuzz_${name}_replay)
endfunction()
