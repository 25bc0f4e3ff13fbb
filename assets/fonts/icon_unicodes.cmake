# Writes the pyftsubset unicode list for the icon font from the code points
# named in src/app/ui/icons.h, so the header is the only list of icons.
# Usage: cmake -DINPUT=icons.h -DOUTPUT=icons.unicodes -P icon_unicodes.cmake
file(READ "${INPUT}" header)
string(REGEX MATCHALL "\\\\u[0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F]" escapes "${header}")
list(REMOVE_DUPLICATES escapes)
set(lines "")
foreach(escape ${escapes})
  string(SUBSTRING "${escape}" 2 4 code)
  string(APPEND lines "U+${code}\n")
endforeach()
file(WRITE "${OUTPUT}.tmp" "${lines}")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different "${OUTPUT}.tmp" "${OUTPUT}")
file(REMOVE "${OUTPUT}.tmp")
