using System.Text;
using SensorNode.Core.Json;

namespace SensorNode.Core.Tests.Json
{
    /// <summary>Small helpers shared by the protocol-area tests.</summary>
    public static class JsonTestUtil
    {
        public static byte[] Bytes(string s)
        {
            return Encoding.UTF8.GetBytes(s);
        }

        public static string Text(JsonWriter w)
        {
            return Encoding.UTF8.GetString(w.Buffer, w.Offset, w.Length);
        }

        public static string Text(byte[] data, int offset, int count)
        {
            return Encoding.UTF8.GetString(data, offset, count);
        }

        public static JsonNode Parse(string json)
        {
            byte[] b = Bytes(json);
            return new JsonParser(65536, 16, 8192, 8192).Parse(b, 0, b.Length);
        }
    }
}
