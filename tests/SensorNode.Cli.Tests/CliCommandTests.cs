using System.Text.Json;
using SensorNode.Cli.Tests.Infrastructure;
using Xunit;

namespace SensorNode.Cli.Tests;

/// <summary>The tool as a user runs it: help, languages, usage errors and exit codes, --json output.</summary>
public sealed class CliCommandTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Help_lists_every_command_in_english()
    {
        var run = await CliProcess.RunAsync(Timeout, "--help");
        Assert.Equal(0, run.ExitCode);
        foreach (var command in new[] { "demo", "serve", "provision", "nodes", "config", "watch", "spectrum", "aas", "broker", "flash", "simulate" })
            Assert.Contains(command, run.StdOut);
        Assert.Contains("Run the demo", run.StdOut);
        Assert.Contains("--lang", run.StdOut);
        Assert.Contains("--json", run.StdOut);
    }

    [Fact]
    public async Task Lang_ko_gives_korean_help_and_messages()
    {
        var help = await CliProcess.RunAsync(Timeout, "--lang", "ko", "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("데모 실행", help.StdOut);
        Assert.Contains("브로커", help.StdOut);

        var sub = await CliProcess.RunAsync(Timeout, "broker", "setup", "--help", "--lang", "ko");
        Assert.Contains("노드별 비밀번호", sub.StdOut);

        // An error message, in Korean, with the usage exit code.
        var error = await CliProcess.RunAsync(Timeout, "--lang", "ko", "simulate", "--broker", "http://x", "--duration", "1s");
        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.Contains("브로커 주소가 아닙니다", error.StdErr);
    }

    [Fact]
    public async Task Follows_the_os_language_unless_lang_overrides_it()
    {
        var korean = new Dictionary<string, string> { ["LANG"] = "ko_KR.UTF-8", ["LC_ALL"] = "ko_KR.UTF-8" };
        var osKorean = await CliProcess.RunAsync(Timeout, korean, "--help");
        Assert.Contains("데모 실행", osKorean.StdOut);
        var forcedEnglish = await CliProcess.RunAsync(Timeout, korean, "--help", "--lang", "en");
        Assert.Contains("Run the demo", forcedEnglish.StdOut);
        Assert.DoesNotContain("데모 실행", forcedEnglish.StdOut);
    }

    [Fact]
    public async Task Usage_errors_exit_with_2()
    {
        Assert.Equal(ExitCodes.Usage, (await CliProcess.RunAsync(Timeout, "no-such-command")).ExitCode);
        Assert.Equal(ExitCodes.Usage, (await CliProcess.RunAsync(Timeout, "simulate", "--count", "many")).ExitCode);
        Assert.Equal(ExitCodes.Usage, (await CliProcess.RunAsync(Timeout, "--lang", "fr", "simulate", "--broker", "ftp://x")).ExitCode);
        var badKind = await CliProcess.RunAsync(Timeout, "simulate", "--kind", "wobbly", "--duration", "1s");
        Assert.Equal(ExitCodes.Usage, badKind.ExitCode);
        Assert.Contains("wobbly", badKind.StdErr);
        var badDuration = await CliProcess.RunAsync(Timeout, "demo", "--duration", "soon");
        Assert.Equal(ExitCodes.Usage, badDuration.ExitCode);
    }

    [Fact]
    public async Task Json_errors_are_json_too()
    {
        var run = await CliProcess.RunAsync(Timeout, "simulate", "--broker", "ftp://nowhere", "--json");
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        var doc = JsonDocument.Parse(run.StdOut);
        Assert.Equal(ExitCodes.Usage, doc.RootElement.GetProperty("error").GetProperty("exitCode").GetInt32());
    }

    [Fact]
    public async Task Missing_file_exits_with_3()
    {
        var run = await CliProcess.RunAsync(Timeout, "simulate", "--secrets", "/nonexistent/secrets.json", "--duration", "1s");
        Assert.Equal(ExitCodes.NotFound, run.ExitCode);
    }
}
