@echo off
rem llmcap launcher for Windows (source checkout): builds the jar with the Maven wrapper (mvnw.cmd: only a JDK 17+
rem is needed) when it is missing or older than the sources, stops if the build fails, then runs the planner.
rem JVM options: edit the DEFAULT_JAVA_OPTS line, or set LLMCAP_JAVA_OPTS for one run.
setlocal
set "DEFAULT_JAVA_OPTS=-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss1m -Xmx256m"
set "HOME_DIR=%~dp0"
if "%HOME_DIR:~-1%"=="\" set "HOME_DIR=%HOME_DIR:~0,-1%"
set "JAR=%HOME_DIR%\target\llmcap.jar"
set "STALE="
if not exist "%JAR%" set "STALE=1"
if not exist "%HOME_DIR%\target\lib" set "STALE=1"
if not defined STALE (
  for /f %%R in ('powershell -NoProfile -Command "$j=(Get-Item -LiteralPath '%JAR%').LastWriteTime; if ((Get-ChildItem -LiteralPath '%HOME_DIR%\src','%HOME_DIR%\pom.xml' -Recurse -File | Where-Object { $_.LastWriteTime -gt $j } | Select-Object -First 1)) { 'stale' }"') do set "STALE=1"
)
if defined STALE (
  echo llmcap: building target\llmcap.jar with mvnw.cmd ^(sources changed or first run; Maven's output follows^)... 1>&2
  pushd "%HOME_DIR%"
  call mvnw.cmd -B -q -Dstyle.color=never -DskipTests -Dassembly.skipAssembly=true package 1>&2
  if errorlevel 1 (
    popd
    echo llmcap: the build failed ^(see above^); not running a stale jar 1>&2
    exit /b 1
  )
  popd
)
set "JAVA=java"
if defined JAVA_HOME set "JAVA=%JAVA_HOME%\bin\java"
rem single commands (a plan, --version, rules): a small young generation and C1 compiling later, as ./llmcap does
rem and reflective calls kept native on JDK 17 (docs/performance.md, Rounds 7 and 10b); the JVM's defaults for the long-running ones
set "SINGLE=-Xmn8m -XX:Tier3InvocationThreshold=1000 -XX:Tier3CompileThreshold=5000 -Dsun.reflect.inflationThreshold=1000000"
for %%C in (batch calibrate validate compare forecast) do if /i "%~1"=="%%C" set "SINGLE="
if "%LLMCAP_JAVA_OPTS%"=="" set "LLMCAP_JAVA_OPTS=%DEFAULT_JAVA_OPTS% %SINGLE%"
"%JAVA%" %LLMCAP_JAVA_OPTS% -Dllmcap.home="%HOME_DIR%" -Djava.awt.headless=true -cp "%HOME_DIR%\target\llmcap.jar;%HOME_DIR%\target\lib\*" dev.llmcap.cli.Main %*
exit /b %ERRORLEVEL%
