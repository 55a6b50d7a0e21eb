namespace SensorNode.Fuzz;

/// <summary>
/// Blind byte mutations for the in-process fallback mode (no coverage feedback): bit flips, interesting bytes,
/// JSON tokens spliced in, deletions, duplications and cross-overs of corpus entries.
/// </summary>
public static class Mutator
{
    private static readonly byte[][] Tokens =
    [
        "{"u8.ToArray(), "}"u8.ToArray(), "["u8.ToArray(), "]"u8.ToArray(), ":"u8.ToArray(), ","u8.ToArray(), "\""u8.ToArray(),
        "null"u8.ToArray(), "true"u8.ToArray(), "-1"u8.ToArray(), "1e308"u8.ToArray(), "9007199254740993"u8.ToArray(),
        "\\u0000"u8.ToArray(), "\\ud800"u8.ToArray(), "\n"u8.ToArray(), "\"sig\":\""u8.ToArray(), "\"ctr\":"u8.ToArray(),
        [0xC3], [0xFF], [0xED, 0xA0, 0x80],
    ];

    public static int Next(Random r, byte[][] corpus, byte[] buffer)
    {
        byte[] seed = corpus[r.Next(corpus.Length)];
        int n = Math.Min(seed.Length, buffer.Length);
        Array.Copy(seed, buffer, n);
        int rounds = 1 + r.Next(8);
        for (int i = 0; i < rounds; i++)
        {
            int at = n == 0 ? 0 : r.Next(n);
            switch (r.Next(7))
            {
                case 0:
                    if (n > 0)
                    {
                        buffer[at] ^= (byte)(1 << r.Next(8));
                    }

                    break;
                case 1:
                    if (n > 0)
                    {
                        buffer[at] = (byte)r.Next(256);
                    }

                    break;
                case 2:
                    n = Insert(buffer, n, at, Tokens[r.Next(Tokens.Length)]);
                    break;
                case 3:
                    if (n > 0)
                    {
                        int len = Math.Min(n - at, 1 + r.Next(16));
                        Array.Copy(buffer, at + len, buffer, at, n - at - len);
                        n -= len;
                    }

                    break;
                case 4:
                    if (n > 0)
                    {
                        int len = Math.Min(n - at, 1 + r.Next(32));
                        var piece = new byte[len];
                        Array.Copy(buffer, at, piece, 0, len);
                        n = Insert(buffer, n, r.Next(n + 1), piece);
                    }

                    break;
                case 5:
                    byte[] other = corpus[r.Next(corpus.Length)];
                    if (other.Length > 0)
                    {
                        int from = r.Next(other.Length);
                        int len = Math.Min(other.Length - from, 1 + r.Next(64));
                        var piece = new byte[len];
                        Array.Copy(other, from, piece, 0, len);
                        n = Insert(buffer, n, at, piece);
                    }

                    break;
                default:
                    n = Math.Min(n, at + 1);
                    break;
            }
        }

        return n;
    }

    private static int Insert(byte[] buffer, int n, int at, byte[] piece)
    {
        int len = Math.Min(piece.Length, buffer.Length - n);
        if (len <= 0)
        {
            return n;
        }

        Array.Copy(buffer, at, buffer, at + len, n - at);
        Array.Copy(piece, 0, buffer, at, len);
        return n + len;
    }
}
