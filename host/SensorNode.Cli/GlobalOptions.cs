using System.CommandLine;
using SensorNode.Cli.Output;
using SensorNode.Cli.Resources;

namespace SensorNode.Cli;

/// <summary>Options every command takes, and how a command turns a parse result into its <see cref="CliContext"/>.</summary>
public sealed class GlobalOptions(TextWriter output, TextWriter error)
{
    public Option<bool> Json { get; } = new("--json") { Description = Messages.OptJson, Recursive = true };

    /// <summary>Read before the command tree is built (it decides the language of help text); declared here so help lists it.</summary>
    public Option<string?> Lang { get; } = CreateLang();

    public TextWriter Output { get; } = output;

    public TextWriter Error { get; } = error;

    public CliContext Context(ParseResult parse) => new(Output, Error, parse.GetValue(Json));

    private static Option<string?> CreateLang()
    {
        var option = new Option<string?>("--lang") { Description = Messages.OptLang, Recursive = true, HelpName = "en|ko" };
        option.AcceptOnlyFromAmong("en", "ko");
        return option;
    }
}
