@echo off
rem llmcap launcher for Windows: builds the jar on first use (needs Java 17+ and Maven), then runs the planner.
setlocal
set "HOME_DIR=%~dp0"
if "%HOME_DIR:~-1%"=="\" set "HOME_DIR=%HOME_DIR:~0,-1%"
if not exist "%HOME_DIR%\target\llmcap.jar" (
  echo llmcap: building the jar ^(first run only^)... 1>&2
  pushd "%HOME_DIR%" && call mvn -B -q -DskipTests package 1>&2 && popd
)
if "%LLMCAP_JAVA_OPTS%"=="" set "LLMCAP_JAVA_OPTS=-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx256m"
java %LLMCAP_JAVA_OPTS% -Dllmcap.home="%HOME_DIR%" -Djava.awt.headless=true -cp "%HOME_DIR%\target\llmcap.jar;%HOME_DIR%\target\lib\*" dev.llmcap.cli.Main %*
exit /b %ERRORLEVEL%
