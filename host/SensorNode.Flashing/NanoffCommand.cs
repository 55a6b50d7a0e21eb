using System.Text;

namespace SensorNode.Flashing;

/// <summary>One nanoff invocation: the executable's arguments as a list, exactly as they are passed to the process.</summary>
public sealed class NanoffCommand
{
    public NanoffCommand(string step, string description, IReadOnlyList<string> arguments)
    {
        Step = step;
        Description = description;
        Arguments = arguments;
    }

    /// <summary>"firmware", "deploy" or "board-file".</summary>
    public string Step { get; }

    public string Description { get; }

    public IReadOnlyList<string> Arguments { get; }

    /// <summary>The command as a person would type it (arguments with spaces or quotes quoted); for display only,
    /// the runner never goes through a shell.</summary>
    public string ToDisplayString(string executable = "nanoff")
    {
        var text = new StringBuilder(executable);
        foreach (string argument in Arguments)
        {
            text.Append(' ');
            if (argument.Length > 0 && argument.IndexOfAny([' ', '\t', '"', '\'']) < 0)
            {
                text.Append(argument);
            }
            else
            {
                text.Append('"').Append(argument.Replace("\"", "\\\"")).Append('"');
            }
        }

        return text.ToString();
    }

    public override string ToString() => ToDisplayString();
}
