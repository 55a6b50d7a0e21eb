using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SensorNode.Aas;

/// <summary>
/// Turns any human name (Korean, German, "Press #7 (old)") into a valid V3.0 idShort
/// (AASd-002: <c>^[a-zA-Z][a-zA-Z0-9_]*$</c>, 1..128 characters) while the caller keeps the original text as displayName.
/// Hangul syllables are romanized (Revised Romanization, syllable by syllable, without sound-change rules),
/// Latin letters lose their diacritics, any other character becomes <c>U</c> + its hex code point.
/// Words become PascalCase; a name that does not start with a letter gets a prefix.
/// </summary>
public static partial class IdShortSanitizer
{
    public const int MaxLength = 128;

    // Revised Romanization of the Hangul jamo, in Unicode syllable-composition order.
    private static readonly string[] Initials =
        ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"];
    private static readonly string[] Medials =
        ["a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu", "eu", "ui", "i"];
    private static readonly string[] Finals =
        ["", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"];

    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9_]*$")]
    private static partial Regex IdShortPattern();

    /// <summary>True when <paramref name="idShort"/> satisfies AASd-002 and the length limit.</summary>
    public static bool IsValid(string? idShort) =>
        idShort is { Length: > 0 and <= MaxLength } && IdShortPattern().IsMatch(idShort);

    /// <summary>A valid idShort for <paramref name="name"/>; <paramref name="prefix"/> is used when the name
    /// is empty or does not start with a letter (the prefix itself must be a valid idShort).</summary>
    public static string Sanitize(string? name, string prefix = "Asset")
    {
        if (!IsValid(prefix)) throw new ArgumentException($"Prefix '{prefix}' is not a valid idShort.", nameof(prefix));
        var sb = new StringBuilder();
        bool startOfWord = true;
        bool previousHangul = false;
        foreach (var rune in (name ?? string.Empty).Normalize(NormalizationForm.FormC).EnumerateRunes())
        {
            int cp = rune.Value;
            if (cp is >= 0xAC00 and <= 0xD7A3)
            {
                int index = cp - 0xAC00;
                string syllable = Initials[index / 588] + Medials[index % 588 / 28] + Finals[index % 28];
                // A Hangul run starts a word even right after a digit ("7호기" → "7Hogi").
                AppendWord(sb, syllable, startOfWord || !previousHangul);
                startOfWord = false;
                previousHangul = true;
                continue;
            }

            if (cp < 0x80 && (char.IsAsciiLetterOrDigit((char)cp)))
            {
                char c = (char)cp;
                sb.Append(startOfWord && char.IsAsciiLetterLower(c) ? char.ToUpperInvariant(c) : c);
                startOfWord = false;
            }
            else if (cp == '_')
            {
                sb.Append('_');
                startOfWord = false;
            }
            else if (Rune.IsLetter(rune) && StripDiacritics(rune.ToString()) is { Length: > 0 } latin && IsAsciiLetters(latin))
            {
                AppendWord(sb, latin, startOfWord);
                startOfWord = false;
            }
            else if (Rune.IsLetterOrDigit(rune))
            {
                sb.Append('U').Append(cp.ToString("X4", CultureInfo.InvariantCulture));
                startOfWord = false;
            }
            else
            {
                // Spaces, punctuation, symbols and control characters separate words.
                startOfWord = true;
            }
            previousHangul = false;
        }

        string result = sb.ToString();
        if (result.Length == 0) return prefix;
        if (!char.IsAsciiLetter(result[0])) result = prefix + "_" + result;
        if (result.Length > MaxLength)
            result = result[..(MaxLength - 9)] + "_" + Fnv32(name ?? string.Empty).ToString("X8", CultureInfo.InvariantCulture);
        return result;
    }

    /// <summary>
    /// Returns <paramref name="candidate"/>, or candidate_2, candidate_3 … so that it is not in
    /// <paramref name="taken"/> (compared case-insensitively, stricter than AASd-022, because some servers and
    /// file systems fold case), and adds the result to <paramref name="taken"/>.
    /// </summary>
    public static string MakeUnique(string candidate, ISet<string> taken)
    {
        if (!IsValid(candidate)) throw new ArgumentException($"'{candidate}' is not a valid idShort.", nameof(candidate));
        string result = candidate;
        for (int n = 2; ContainsIgnoreCase(taken, result); n++)
        {
            string suffix = "_" + n.ToString(CultureInfo.InvariantCulture);
            string stem = candidate.Length + suffix.Length > MaxLength ? candidate[..(MaxLength - suffix.Length)] : candidate;
            result = stem + suffix;
        }
        taken.Add(result);
        return result;
    }

    private static bool ContainsIgnoreCase(ISet<string> set, string value)
    {
        if (set.Contains(value)) return true;
        foreach (var s in set)
            if (string.Equals(s, value, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    private static void AppendWord(StringBuilder sb, string word, bool capitalize)
    {
        if (word.Length == 0) return;
        sb.Append(capitalize ? char.ToUpperInvariant(word[0]) : word[0]);
        sb.Append(word, 1, word.Length - 1);
    }

    private static string StripDiacritics(string s)
    {
        var sb = new StringBuilder();
        foreach (char c in s.Normalize(NormalizationForm.FormD))
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) sb.Append(c);
        string r = sb.ToString();
        return r switch { "ß" => "ss", "Æ" => "AE", "æ" => "ae", "Ø" => "O", "ø" => "o", "Œ" => "OE", "œ" => "oe", _ => r };
    }

    private static bool IsAsciiLetters(string s)
    {
        foreach (char c in s) if (!char.IsAsciiLetter(c)) return false;
        return true;
    }

    private static uint Fnv32(string s)
    {
        uint h = 2166136261;
        foreach (byte b in Encoding.UTF8.GetBytes(s)) { h ^= b; h *= 16777619; }
        return h;
    }
}
