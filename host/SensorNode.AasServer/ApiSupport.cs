using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using SensorNode.Aas.Model;
using SensorNode.Aas.Serialization;

namespace SensorNode.AasServer;

/// <summary>Raised inside a handler to answer with a Part 2 Result body.</summary>
internal sealed class ApiException(int status, string text) : Exception(text)
{
    public int Status { get; } = status;
}

/// <summary>Encoding rules of Part 2 (§5.2 in shared/aas/FACTS.md): base64url ids, idShort paths, paging cursors.</summary>
public static partial class AasApiEncoding
{
    /// <summary>base64url of the UTF-8 bytes, without padding (what the 3.1 text requires).</summary>
    public static string EncodeId(string id) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(id));

    /// <summary>Decodes base64url with or without '=' padding (tools disagree). False for anything else.</summary>
    public static bool TryDecodeId(string? encoded, out string id)
    {
        id = string.Empty;
        if (string.IsNullOrEmpty(encoded)) return false;
        string trimmed = encoded.TrimEnd('=');
        if (trimmed.Length % 4 == 1 || encoded.Length - trimmed.Length > 2) return false;
        foreach (char c in trimmed)
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')) return false;
        try
        {
            var bytes = Base64Url.DecodeFromChars(trimmed);
            id = new UTF8Encoding(false, true).GetString(bytes);
            return id.Length > 0;
        }
        catch (FormatException) { return false; }
        catch (DecoderFallbackException) { return false; }
    }

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_]*((\.[A-Za-z][A-Za-z0-9_]*)|(\[(0|[1-9][0-9]*)\]))*$")]
    private static partial Regex IdShortPathPattern();

    [GeneratedRegex(@"\.([A-Za-z][A-Za-z0-9_]*)|\[(0|[1-9][0-9]*)\]")]
    private static partial Regex PathStep();

    /// <summary>Resolves an idShortPath ("Vibration.RMSVelocityX", "Segments.InternalSegment.Records.Record3",
    /// "List[2]") inside a submodel. Throws ApiException 400 for a malformed path, 404 when nothing is there.</summary>
    internal static SubmodelElement Resolve(Submodel sm, string path)
    {
        if (!IdShortPathPattern().IsMatch(path)) throw new ApiException(400, $"'{path}' is not a valid idShort path.");
        int firstEnd = path.IndexOfAny(['.', '[']);
        string first = firstEnd < 0 ? path : path[..firstEnd];
        var current = Find(sm.SubmodelElements, first) ?? throw new ApiException(404, $"No submodel element '{first}' in submodel '{sm.Id}'.");
        if (firstEnd < 0) return current;
        foreach (Match step in PathStep().Matches(path, firstEnd))
        {
            if (step.Groups[1].Success)
            {
                var children = current is SubmodelElementCollection c ? c.Value : null;
                current = Find(children, step.Groups[1].Value)
                    ?? throw new ApiException(404, $"No submodel element '{path}' in submodel '{sm.Id}'.");
            }
            else
            {
                if (current is not SubmodelElementList list)
                    throw new ApiException(404, $"No submodel element '{path}' in submodel '{sm.Id}' (index on a non-list).");
                int index = int.Parse(step.Groups[2].Value, CultureInfo.InvariantCulture);
                if (list.Value is null || index >= list.Value.Count)
                    throw new ApiException(404, $"No submodel element '{path}' in submodel '{sm.Id}' (index out of range).");
                current = list.Value[index];
            }
        }
        return current;
    }

    private static SubmodelElement? Find(List<SubmodelElement>? elements, string idShort)
    {
        if (elements is null) return null;
        foreach (var e in elements)
            if (string.Equals(e.IdShort, idShort, StringComparison.Ordinal)) return e;
        return null;
    }
}

/// <summary>Writes the API's JSON bodies.</summary>
internal static class ApiResponses
{
    public const string Json = "application/json";

    public static IResult Body(Action<Utf8JsonWriter> write) =>
        Results.Bytes(AasJsonWriter.Serialize(write), Json);

    /// <summary>A Part 2 Result with one Error message.</summary>
    public static IResult Error(HttpContext ctx, int status, string text) => new JsonBytes(status, ErrorBody(ctx, status, text));

    private sealed class JsonBytes(int status, byte[] body) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.ContentType = Json;
            httpContext.Response.ContentLength = body.Length;
            return httpContext.Response.Body.WriteAsync(body, httpContext.RequestAborted).AsTask();
        }
    }

    public static byte[] ErrorBody(HttpContext ctx, int status, string text) => AasJsonWriter.Serialize(w =>
    {
        w.WriteStartObject();
        w.WritePropertyName("messages");
        w.WriteStartArray();
        w.WriteStartObject();
        w.WriteString("code", status.ToString(CultureInfo.InvariantCulture));
        string correlation = ctx.TraceIdentifier;
        if (correlation.Length is > 0 and <= 128) w.WriteString("correlationId", correlation);
        w.WriteString("messageType", status >= 500 ? "Exception" : "Error");
        w.WriteString("text", text);
        w.WriteString("timestamp", XsdValue.DateTime(DateTimeOffset.UtcNow));
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    });
}

/// <summary>Cursor pagination over a list ordered deterministically (by id, or by position for elements).</summary>
internal readonly record struct Page(int Start, int Count, string? NextCursor)
{
    /// <summary>Parses limit/cursor. The cursor is opaque to clients: base64url of the position to continue at.</summary>
    public static Page Of(HttpRequest request, int total, int defaultLimit, int maxLimit)
    {
        int limit = defaultLimit;
        string? limitText = request.Query["limit"];
        if (limitText is not null && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1))
            throw new ApiException(400, "limit must be a positive integer.");
        limit = Math.Min(limit, maxLimit);

        int start = 0;
        if (request.Query.TryGetValue("cursor", out var cursorValues))
        {
            string? cursor = cursorValues;
            if (!AasApiEncoding.TryDecodeId(cursor, out string decoded)
                || !decoded.StartsWith("p:", StringComparison.Ordinal)
                || !int.TryParse(decoded.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out start))
                throw new ApiException(400, "cursor is not a cursor this server issued.");
        }
        start = Math.Min(start, total);
        int count = Math.Min(limit, total - start);
        string? next = start + count < total ? AasApiEncoding.EncodeId("p:" + (start + count).ToString(CultureInfo.InvariantCulture)) : null;
        return new Page(start, count, next);
    }

    public void WriteMetadata(Utf8JsonWriter w)
    {
        w.WritePropertyName("paging_metadata");
        w.WriteStartObject();
        if (NextCursor is not null) w.WriteString("cursor", NextCursor);
        w.WriteEndObject();
    }
}
