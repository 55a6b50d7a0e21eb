using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;

namespace SensorNode.Cli.Output;

/// <summary>
/// Where a command writes: human output through Spectre.Console (tables, colours when the terminal has them),
/// or with --json exactly one JSON document per result on standard output, so scripts can parse it. Errors go to
/// standard error as text, and with --json also as a JSON object on standard output.
/// </summary>
public sealed class CliContext
{
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = false,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public CliContext(TextWriter output, TextWriter error, bool json)
    {
        Out = output;
        Err = error;
        Json = json;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = ReferenceEquals(output, System.Console.Out) && !System.Console.IsOutputRedirected ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = ReferenceEquals(output, System.Console.Out) && !System.Console.IsOutputRedirected ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = ReferenceEquals(output, System.Console.Out) && !System.Console.IsOutputRedirected ? InteractionSupport.Detect : InteractionSupport.No,
        });
        // Redirected output (a file, a pipe, a test) has no terminal width: do not wrap lines at 80 columns.
        if (!ReferenceEquals(output, System.Console.Out) || System.Console.IsOutputRedirected) Console.Profile.Width = 240;
    }

    public TextWriter Out { get; }

    public TextWriter Err { get; }

    public bool Json { get; }

    /// <summary>Human output (not used with --json).</summary>
    public IAnsiConsole Console { get; }

    public bool Interactive => !Json && ReferenceEquals(Out, System.Console.Out) && !System.Console.IsOutputRedirected;

    public void WriteJson<T>(T value)
    {
        Out.WriteLine(JsonSerializer.Serialize(value, JsonOptions));
        Out.Flush();
    }

    /// <summary>A line for people; silent with --json.</summary>
    public void Info(string message)
    {
        if (Json) return;
        Console.MarkupLine(Markup.Escape(message));
    }

    public void Success(string message)
    {
        if (Json) return;
        Console.MarkupLine("[green]" + Markup.Escape(message) + "[/]");
    }

    public void Warn(string message)
    {
        if (Json) return;
        Console.MarkupLine("[yellow]" + Markup.Escape(message) + "[/]");
    }

    /// <summary>Reports an error and returns <paramref name="exitCode"/>, so commands can <c>return ctx.Fail(...)</c>.</summary>
    public int Fail(int exitCode, string message)
    {
        Err.WriteLine(message);
        Err.Flush();
        if (Json) WriteJson(new { error = new { exitCode, message } });
        return exitCode;
    }

    public static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
