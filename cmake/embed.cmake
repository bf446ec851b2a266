# tilfreds_embed(TARGET NAME FILES... BASE DIR): compiles the given files into the
# binary as a table {relative path, bytes}, so the server and the CLI need no data
# directory at run time (migrations, templates, CSS, texts, the shipped questionnaire).
function(tilfreds_embed target)
  cmake_parse_arguments(E "" "BASE;NAME" "FILES" ${ARGN})
  set(out "${CMAKE_CURRENT_BINARY_DIR}/${E_NAME}_embedded.cpp")
  # A list cannot cross the shell in one argument: pass it '|'-separated.
  string(REPLACE ";" "|" files "${E_FILES}")
  add_custom_command(
    OUTPUT "${out}"
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DBASE=${E_BASE} -DNAME=${E_NAME}
            "-DFILES=${files}" -P ${PROJECT_SOURCE_DIR}/cmake/embed_files.cmake
    DEPENDS ${E_FILES} ${PROJECT_SOURCE_DIR}/cmake/embed_files.cmake
    COMMENT "Embedding ${E_NAME}" VERBATIM)
  target_sources(${target} PRIVATE "${out}")
  target_include_directories(${target} PUBLIC ${PROJECT_SOURCE_DIR}/cmake)
endfunction()
