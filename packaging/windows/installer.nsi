[% extends "pyapp.nsi" %]
[#
  IKU Desktop's changes to pynsist's installer template (jinja2 with [% %] and [[ ]]):
  - a 64-bit, Unicode installer stub (pynsist's default 32-bit stub does not start
    under wine64, and 64-bit Windows 10/11 is the minimum anyway);
  - per-user only: no administrator rights asked for, no "all users" page;
  - Indonesian pages;
  - an upgrade first removes the old program files (never the user's data folder, which
    is elsewhere: %LOCALAPPDATA%\IKU Desktop) and does not add bin\ to PATH twice;
  - the uninstaller takes bin\ out of the user's PATH without touching the machine's.
#]

[% block modernui %]
Target amd64-unicode
SetCompressor /SOLID lzma
RequestExecutionLevel user
BrandingText "IKU Desktop [[ib.version]]"

!include "MUI2.nsh"
!define MUI_ABORTWARNING
!define MUI_ICON "[[icon]]"
!define MUI_UNICON "[[icon]]"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "Indonesian"
[% endblock modernui %]

[% block install_pkgs %]
  ; an older version's files go first, so nothing of it is left beside the new one
  RMDir /r "$INSTDIR\pkgs"
  RMDir /r "$INSTDIR\Python"
  RMDir /r "$INSTDIR\bin"
  [[ super() ]]
[% endblock install_pkgs %]

[% block install_commands %]
  DetailPrint "Menambahkan perintah iku ke PATH pengguna..."
  nsExec::ExecToLog '[[ python ]] -Es "$INSTDIR\_system_path.py" remove_user "$INSTDIR\bin"'
  nsExec::ExecToLog '[[ python ]] -Es "$INSTDIR\_system_path.py" add_user "$INSTDIR\bin"'
[% endblock install_commands %]

[% block uninstall_commands %]
  nsExec::ExecToLog '[[ python ]] -Es "$INSTDIR\_system_path.py" remove_user "$INSTDIR\bin"'
[% endblock uninstall_commands %]
