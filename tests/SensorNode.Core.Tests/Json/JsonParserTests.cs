using nanoFramework.TestFramework;
using SensorNode.Core.Json;

namespace SensorNode.Core.Tests.Json
{
    [TestClass]
    public class JsonParserTests
    {
        private static JsonParser NewParser()
        {
            return new JsonParser(256, 4, 16, 64);
        }

        private static int ErrorOf(string json)
        {
            byte[] b = JsonTestUtil.Bytes(json);
            JsonParser p = NewParser();
            JsonNode n = p.Parse(b, 0, b.Length);
            Assert.IsTrue(n == null || p.Error == JsonError.None);
            return p.Error;
        }

        [TestMethod]
        public void ParsesAllValueKinds()
        {
            JsonNode n = JsonTestUtil.Parse(" {\"a\":1,\"b\":[true,false,null],\"c\":\"x\\u00e9\\ud83d\\ude00\",\"d\":-2.5e3,\"e\":{}} ");
            Assert.IsNotNull(n);
            Assert.IsTrue(n.IsObject);
            Assert.AreEqual(5, n.Count);
            Assert.AreEqual(1L, n.Get("a").IntegerValue);
            Assert.IsTrue(n.Get("a").IsInteger);
            Assert.AreEqual(3, n.Get("b").Count);
            Assert.IsTrue(n.Get("b").ItemAt(0).BoolValue);
            Assert.IsTrue(n.Get("b").ItemAt(2).IsNull);
            Assert.AreEqual("xé😀", n.Get("c").StringValue);
            Assert.AreEqual(-2500.0, n.Get("d").NumberValue);
            Assert.IsFalse(n.Get("d").IsInteger);
            Assert.AreEqual(0, n.Get("e").Count);
            Assert.IsNull(n.Get("missing"));
        }

        [TestMethod]
        public void RecordsMemberSeparators()
        {
            JsonNode n = JsonTestUtil.Parse("{\"a\":1, \"b\":2,\"sig\":\"x\"}");
            Assert.AreEqual(-1, n.SeparatorAt(0));
            Assert.AreEqual(6, n.SeparatorAt(1));
            Assert.AreEqual(13, n.SeparatorAt(2));
        }

        [TestMethod]
        [DataRow("", JsonError.Empty)]
        [DataRow("   ", JsonError.Empty)]
        [DataRow("{", JsonError.UnexpectedEnd)]
        [DataRow("{\"a\":1}x", JsonError.TrailingData)]
        [DataRow("{\"a\":1}{}", JsonError.TrailingData)]
        [DataRow("{\"a\":1,\"a\":2}", JsonError.DuplicateKey)]
        [DataRow("01", JsonError.InvalidNumber)]
        [DataRow("-", JsonError.InvalidNumber)]
        [DataRow("1.", JsonError.InvalidNumber)]
        [DataRow("1e", JsonError.InvalidNumber)]
        [DataRow("+1", JsonError.UnexpectedCharacter)]
        [DataRow(".5", JsonError.UnexpectedCharacter)]
        [DataRow("1e999", JsonError.NumberOutOfRange)]
        [DataRow("\"\\x\"", JsonError.InvalidEscape)]
        [DataRow("\"\\ud800\"", JsonError.InvalidEscape)]
        [DataRow("\"\\udc00\"", JsonError.InvalidEscape)]
        [DataRow("\"\\u12G4\"", JsonError.InvalidEscape)]
        [DataRow("[1,]", JsonError.UnexpectedCharacter)]
        [DataRow("{\"a\":1,}", JsonError.UnexpectedCharacter)]
        [DataRow("{a:1}", JsonError.UnexpectedCharacter)]
        [DataRow("{'a':1}", JsonError.UnexpectedCharacter)]
        [DataRow("[[[[[1]]]]]", JsonError.TooDeep)]
        [DataRow("\"0123456789abcdefg\"", JsonError.StringTooLong)]
        [DataRow("\"a\tb\"", JsonError.ControlCharacter)]
        [DataRow("tru", JsonError.UnexpectedEnd)]
        [DataRow("nul1", JsonError.UnexpectedCharacter)]
        [DataRow("NaN", JsonError.UnexpectedCharacter)]
        [DataRow("\"abc", JsonError.UnexpectedEnd)]
        public void RejectsWithSpecificCode(string json, int expected)
        {
            Assert.AreEqual(expected, ErrorOf(json), json);
        }

        [TestMethod]
        public void RejectsTooManyValues()
        {
            var sb = new System.Text.StringBuilder();
            sb.Append('[');
            for (int i = 0; i < 70; i++)
            {
                sb.Append(i == 0 ? "0" : ",0");
            }

            sb.Append(']');
            Assert.AreEqual(JsonError.TooManyValues, ErrorOf(sb.ToString()));
        }

        [TestMethod]
        public void RejectsTooLargeInputBeforeReadingIt()
        {
            var b = new byte[300];
            JsonParser p = NewParser();
            Assert.IsNull(p.Parse(b, 0, b.Length));
            Assert.AreEqual(JsonError.TooLarge, p.Error);
        }

        [TestMethod]
        public void RejectsInvalidUtf8()
        {
            // Overlong forms, encoded surrogates, above U+10FFFF, truncated sequences, stray continuation and 0xFF bytes.
            byte[][] cases =
            {
                new byte[] { 0x22, 0xC0, 0xAF, 0x22 },
                new byte[] { 0x22, 0xE0, 0x80, 0xAF, 0x22 },
                new byte[] { 0x22, 0xED, 0xA0, 0x80, 0x22 },
                new byte[] { 0x22, 0xF4, 0x90, 0x80, 0x80, 0x22 },
                new byte[] { 0x22, 0xE4, 0xB8, 0x22 },
                new byte[] { 0x22, 0x80, 0x22 },
                new byte[] { 0x22, 0xFF, 0x22 }
            };
            for (int i = 0; i < cases.Length; i++)
            {
                JsonParser p = NewParser();
                Assert.IsNull(p.Parse(cases[i], 0, cases[i].Length), "case " + i.ToString());
                Assert.AreEqual(JsonError.InvalidUtf8, p.Error, "case " + i.ToString());
                Assert.AreEqual(1, p.ErrorPosition, "case " + i.ToString());
            }
        }

        [TestMethod]
        public void ReportsErrorPositionRelativeToTheRange()
        {
            byte[] b = JsonTestUtil.Bytes("xx{\"a\":?}yy");
            JsonParser p = NewParser();
            Assert.IsNull(p.Parse(b, 2, 7));
            Assert.AreEqual(JsonError.UnexpectedCharacter, p.Error);
            Assert.AreEqual(5, p.ErrorPosition);
        }

        [TestMethod]
        public void ParsesIntegersExactly()
        {
            JsonNode n = JsonTestUtil.Parse("[9007199254740993,-9223372036854775807,9223372036854775808,0,-0,1.0,1e2]");
            Assert.IsTrue(n.ItemAt(0).IsInteger);
            Assert.AreEqual(9007199254740993L, n.ItemAt(0).IntegerValue);
            Assert.AreEqual(-9223372036854775807L, n.ItemAt(1).IntegerValue);
            Assert.IsFalse(n.ItemAt(2).IsInteger);
            Assert.IsTrue(n.ItemAt(3).IsInteger);
            Assert.IsTrue(n.ItemAt(4).IsInteger);
            Assert.AreEqual(0L, n.ItemAt(4).IntegerValue);
            Assert.IsFalse(n.ItemAt(5).IsInteger);
            Assert.IsFalse(n.ItemAt(6).IsInteger);
            Assert.AreEqual(100.0, n.ItemAt(6).NumberValue);
        }

        [TestMethod]
        public void ParsesFractionsAndExponents()
        {
            JsonNode n = JsonTestUtil.Parse("[0.05,1.5e-3,123456789012345678901234567890,1E+2,-0.000001]");
            Assert.AreEqual(0.05, n.ItemAt(0).NumberValue);
            Assert.AreEqual(0.0015, n.ItemAt(1).NumberValue);
            double big = n.ItemAt(2).NumberValue;
            Assert.IsTrue(System.Math.Abs(big / 1.2345678901234568e29 - 1) < 1e-15);
            Assert.AreEqual(100.0, n.ItemAt(3).NumberValue);
            Assert.AreEqual(-0.000001, n.ItemAt(4).NumberValue);
        }

        [TestMethod]
        public void ReusableAfterAnError()
        {
            JsonParser p = NewParser();
            byte[] bad = JsonTestUtil.Bytes("{\"a\":");
            byte[] good = JsonTestUtil.Bytes("{\"a\":true}");
            Assert.IsNull(p.Parse(bad, 0, bad.Length));
            JsonNode n = p.Parse(good, 0, good.Length);
            Assert.IsNotNull(n);
            Assert.AreEqual(JsonError.None, p.Error);
            Assert.IsTrue(n.Get("a").BoolValue);
        }
    }
}
