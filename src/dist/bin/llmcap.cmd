@echo off
rem llmcap (distribution launcher for Windows): runs the planner with the rules, catalogs and libraries of this
rem installation, from any working directory. Needs only a Java 17+ runtime (JAVA_HOME, or java on the PATH).
rem JVM options: edit the DEFAULT_JAVA_OPTS line, or set LLMCAP_JAVA_OPTS for one run.
setlocal
set "DEFAULT_JAVA_OPTS=-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss1m -Xmx256m"
for %%I in ("%~dp0..") do set "LLMCAP_HOME=%%~fI"
set "JAVA=java"
if defined JAVA_HOME set "JAVA=%JAVA_HOME%\bin\java"
rem single commands (a plan, --version, rules): a small young generation and C1 compiling later, as bin/llmcap does
rem and reflective calls kept native on JDK 17 (docs/performance.md, Rounds 7 and 10b); the JVM's defaults for the long-running ones
set "SINGLE=-Xmn8m -XX:Tier3InvocationThreshold=1000 -XX:Tier3CompileThreshold=5000 -Dsun.reflect.inflationThreshold=1000000"
for %%C in (batch calibrate validate compare forecast) do if /i "%~1"=="%%C" set "SINGLE="
if "%LLMCAP_JAVA_OPTS%"=="" set "LLMCAP_JAVA_OPTS=%DEFAULT_JAVA_OPTS% %SINGLE%"
"%JAVA%" %LLMCAP_JAVA_OPTS% -Dllmcap.home="%LLMCAP_HOME%" -Djava.awt.headless=true -cp "%LLMCAP_HOME%\lib\*" dev.llmcap.cli.Main %*
exit /b %ERRORLEVEL%
