// The translation unit that builds the shared precompiled header (tests/CMakeLists.txt).
