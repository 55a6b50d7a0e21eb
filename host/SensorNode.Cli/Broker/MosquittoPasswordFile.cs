using System.Security.Cryptography;
using System.Text;

namespace SensorNode.Cli.Broker;

/// <summary>
/// Writes Mosquitto 2.x password-file lines: <c>user:$7$iterations$base64(salt)$base64(hash)</c> where hash is
/// PBKDF2-HMAC-SHA512 over the UTF-8 password with a 12-byte random salt, 64 bytes out (the format
/// <c>mosquitto_passwd</c> writes; it defaults to 101 iterations). We do not call <c>mosquitto_passwd -b</c>: it takes the
/// password on its command line, where every local user can read it in the process list.
/// </summary>
public static class MosquittoPasswordFile
{
    public const int SaltBytes = 12;
    public const int HashBytes = 64;

    /// <summary>More than mosquitto_passwd's 101: each connect pays it once, which is cheap, an offline guess pays it every try.</summary>
    public const int DefaultIterations = 1000;

    public static string Line(string user, string password, int iterations = DefaultIterations)
    {
        if (user.Contains(':') || user.Any(char.IsWhiteSpace) || user.Length == 0)
            throw new ArgumentException($"'{user}' cannot be a Mosquitto user name (no ':' or spaces).", nameof(user));
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA512, HashBytes);
        return $"{user}:$7${iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    /// <summary>True when <paramref name="line"/> is a $7$ entry for <paramref name="user"/> that <paramref name="password"/> matches.</summary>
    public static bool Verify(string line, string user, string password)
    {
        var colon = line.IndexOf(':');
        if (colon <= 0 || line[..colon] != user) return false;
        var parts = line[(colon + 1)..].Split('$');
        // "", "7", iterations, salt, hash
        if (parts.Length != 5 || parts[1] != "7" || !int.TryParse(parts[2], out var iterations)) return false;
        var salt = Convert.FromBase64String(parts[3]);
        var expected = Convert.FromBase64String(parts[4]);
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA512, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>A random password: 24 bytes from the OS generator as base64url (32 characters, 192 bits).</summary>
    public static string NewPassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
}
