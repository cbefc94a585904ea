; 年报 (nianbao) — the Windows installer, built by scripts/release.sh with Debian's `nsis`:
;   makensis -INPUTCHARSET UTF8 -DVERSION=0.1.0 -DVERSION4=0.1.0.0 -DSTAGE=<folder> -DOUTFILE=<setup.exe> nianbao.nsi
; STAGE holds nianbao.exe (the editor, no console), nianbao.com (the same program for cmd and
; PowerShell) and 使用说明.txt.
;
; Per user, without administrator rights: a township office PC is often locked down, and the
; clerk must be able to install and update it alone. Hence HKCU and %LOCALAPPDATA%\Programs
; (where Windows itself puts per-user programs). Settings and recovery copies under %APPDATA%
; are the clerk's data and are left in place by the uninstaller.

Unicode true
SetCompressor /SOLID lzma
; nianbao.exe and nianbao.com differ in one header field: a dictionary larger than one
; executable (~31 MB) lets the second cost almost nothing.
SetCompressorDictSize 64
RequestExecutionLevel user

!ifndef VERSION | VERSION4 | STAGE | OUTFILE
  !error "需要 -DVERSION=… -DVERSION4=… -DSTAGE=… -DOUTFILE=… (see scripts/release.sh)"
!endif

!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\nianbao"

Name "年报"
Caption "年报 ${VERSION} 安装"
UninstallCaption "卸载 年报"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\nianbao"
InstallDirRegKey HKCU "Software\nianbao" "InstallDir"
BrandingText "年报 ${VERSION}"
ShowInstDetails show
ShowUninstDetails show

!include "MUI2.nsh"

!define MUI_ICON "${STAGE}\nianbao.ico"
!define MUI_UNICON "${STAGE}\nianbao.ico"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\nianbao.exe"
!define MUI_FINISHPAGE_RUN_TEXT "现在打开年报"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

VIProductVersion "${VERSION4}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "ProductName" "年报"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "FileDescription" "年报 安装程序"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "LegalCopyright" "MIT OR Apache-2.0"

Section "年报" SecMain
  SectionIn RO
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  File "${STAGE}\nianbao.exe"
  File "${STAGE}\nianbao.com"
  File "${STAGE}\nianbao.ico"
  File "${STAGE}\使用说明.txt"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  WriteRegStr HKCU "Software\nianbao" "InstallDir" "$INSTDIR"

  CreateShortCut "$SMPROGRAMS\年报.lnk" "$INSTDIR\nianbao.exe" "" "$INSTDIR\nianbao.exe" 0 \
    SW_SHOWNORMAL "" "政府信息公开工作年度报告编辑器"
  CreateShortCut "$DESKTOP\年报.lnk" "$INSTDIR\nianbao.exe" "" "$INSTDIR\nianbao.exe" 0 \
    SW_SHOWNORMAL "" "政府信息公开工作年度报告编辑器"

  ; 设置 › 应用 and 控制面板 › 程序和功能 list it from here.
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "年报"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\nianbao.exe,0"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "年报 nianbao"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  SectionGetSize ${SecMain} $0
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" $0
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  Delete "$SMPROGRAMS\年报.lnk"
  Delete "$DESKTOP\年报.lnk"
  Delete "$INSTDIR\nianbao.exe"
  Delete "$INSTDIR\nianbao.com"
  Delete "$INSTDIR\nianbao.ico"
  Delete "$INSTDIR\使用说明.txt"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "Software\nianbao"
SectionEnd
