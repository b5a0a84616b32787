# `cpack -G DEB` in a build folder produces a Debian package of the app.
set(CPACK_PACKAGE_NAME "switchyard")
set(CPACK_PACKAGE_VENDOR "Switchyard")
set(CPACK_PACKAGE_CONTACT "Switchyard developers <dev@switchyard.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SECTION "devel")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
include(CPack)
