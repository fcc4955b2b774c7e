# Writes <SITE_DIR>/sw.js from TEMPLATE: the list of precached files (relative URLs, so the
# site works under any sub-path) and a version derived from their contents.
# cmake -DSITE_DIR=… -DTEMPLATE=… -DFILES="a;b;c" -P make_sw.cmake
set(_hashes "")
set(_list "'./'")
foreach(f ${FILES})
  file(SHA256 "${SITE_DIR}/${f}" _h)
  string(APPEND _hashes "${f}=${_h};")
  string(APPEND _list ", '${f}'")
endforeach()
string(SHA256 _version "${_hashes}")
string(SUBSTRING "${_version}" 0 16 CERTDESK_SW_VERSION)
set(CERTDESK_SW_FILES "${_list}")
configure_file("${TEMPLATE}" "${SITE_DIR}/sw.js.tmp" @ONLY)
file(RENAME "${SITE_DIR}/sw.js.tmp" "${SITE_DIR}/sw.js")
