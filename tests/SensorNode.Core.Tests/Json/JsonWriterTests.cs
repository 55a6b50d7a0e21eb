using System;
using nanoFramework.TestFramework;
using SensorNode.Core.Json;

namespace SensorNode.Core.Tests.Json
{
    [TestClass]
    public class JsonWriterTests
    {
        private static string One(float value)
        {
            var w = new JsonWriter(new byte[64]);
            w.Float(value);
            return JsonTestUtil.Text(w);
        }

        [TestMethod]
        [DataRow(0f, "0")]
        [DataRow(4.5f, "4.5")]
        [DataRow(0.1f, "0.1")]
        [DataRow(-1.25f, "-1.25")]
        [DataRow(1234567f, "1234567")]
        [DataRow(12345678f, "12345680")]
        [DataRow(123.456f, "123.456")]
        [DataRow(0.000123f, "0.000123")]
        [DataRow(0.0000001f, "1e-7")]
        [DataRow(1e21f, "1e21")]
        [DataRow(3.4028235e38f, "3.402823e38")]
        [DataRow(9.9999999f, "10")]
        [DataRow(15.61f, "15.61")]
        [DataRow(-0.5f, "-0.5")]
        [DataRow(1.5e-45f, "1.401298e-45")]
        public void FloatsAreFormattedByHand(float value, string expected)
        {
            Assert.AreEqual(expected, One(value));
        }

        [TestMethod]
        public void NonFiniteFloatsBecomeNull()
        {
            Assert.AreEqual("null", One(float.NaN));
            Assert.AreEqual("null", One(float.PositiveInfinity));
            Assert.AreEqual("null", One(float.NegativeInfinity));
        }

        [TestMethod]
        public void FewerSignificantDigitsRound()
        {
            var w = new JsonWriter(new byte[64]);
            w.BeginArray();
            w.Float(3.14159265f, 3);
            w.Float(0.0012345f, 2);
            w.Double(12345.678901234, 10);
            w.Double(0.5, 15);
            w.EndArray();
            Assert.AreEqual("[3.14,0.0012,12345.6789,0.5]", JsonTestUtil.Text(w));
        }

        [TestMethod]
        public void FloatsRoundTripThroughTheParser()
        {
            float[] values = { 1.1f, 2.2f, 3.3f, 0.017f, 9.81f, 1234.5f, -7.0625f, 6.02e23f, 1.6e-19f, 4095f, 0.333333f };
            for (int i = 0; i < values.Length; i++)
            {
                JsonNode n = JsonTestUtil.Parse(One(values[i]));
                float back = (float)n.NumberValue;
                float rel = Math.Abs((back - values[i]) / values[i]);
                Assert.IsTrue(rel <= 1e-6f, "value " + values[i].ToString() + " came back as " + back.ToString());
            }
        }

        [TestMethod]
        public void IntegersIncludingExtremes()
        {
            var w = new JsonWriter(new byte[128]);
            w.BeginArray();
            w.Int(0);
            w.Int(-1);
            w.Int(int.MinValue);
            w.Long(long.MinValue);
            w.Long(long.MaxValue);
            w.UInt(uint.MaxValue);
            w.EndArray();
            Assert.AreEqual("[0,-1,-2147483648,-9223372036854775808,9223372036854775807,4294967295]", JsonTestUtil.Text(w));
        }

        [TestMethod]
        public void ObjectsNestAndSeparate()
        {
            var w = new JsonWriter(new byte[128]);
            w.BeginObject();
            w.Prop("a", 1);
            w.Name("b");
            w.BeginArray();
            w.Bool(true);
            w.Bool(false);
            w.Null();
            w.BeginObject();
            w.EndObject();
            w.EndArray();
            w.Prop("c", "x");
            w.EndObject();
            Assert.AreEqual("{\"a\":1,\"b\":[true,false,null,{}],\"c\":\"x\"}", JsonTestUtil.Text(w));
            Assert.IsTrue(w.IsComplete);
        }

        [TestMethod]
        public void StringsAreEscapedAndUtf8()
        {
            var w = new JsonWriter(new byte[128]);
            w.String("q\"b\\n\n\t\u0001/é한😀");
            string text = JsonTestUtil.Text(w);
            Assert.AreEqual("\"q\\\"b\\\\n\\n\\t\\u0001/é한😀\"", text);
            // Lengths: é = 2 bytes, 한 = 3 bytes, 😀 = 4 bytes.
            Assert.AreEqual(2 + 1 + 2 + 1 + 2 + 1 + 2 + 2 + 6 + 1 + 2 + 3 + 4, w.Length);
        }

        [TestMethod]
        public void LoneSurrogateBecomesReplacementCharacter()
        {
            var w = new JsonWriter(new byte[16]);
            w.String("a\uD800b");
            Assert.AreEqual("\"a\uFFFDb\"", JsonTestUtil.Text(w));
        }

        [TestMethod]
        public void OverflowIsReportedNotThrown()
        {
            var buffer = new byte[10];
            var w = new JsonWriter(buffer);
            w.BeginObject();
            w.Prop("name", "a long value that does not fit");
            w.EndObject();
            Assert.IsTrue(w.Overflowed);
            Assert.IsFalse(w.IsComplete);
            Assert.IsTrue(w.Length <= 10);
        }

        [TestMethod]
        public void WritesStayInsideTheGivenWindow()
        {
            var buffer = new byte[20];
            for (int i = 0; i < buffer.Length; i++)
            {
                buffer[i] = 0xAA;
            }

            var w = new JsonWriter();
            w.Reset(buffer, 5, 6);
            w.String("abcdefgh");
            Assert.IsTrue(w.Overflowed);
            Assert.AreEqual((byte)0xAA, buffer[4]);
            Assert.AreEqual((byte)0xAA, buffer[11]);
        }

        [TestMethod]
        public void MisuseIsDetected()
        {
            var w = new JsonWriter(new byte[32]);
            w.BeginObject();
            w.Int(1); // value without a name
            w.EndObject();
            Assert.IsTrue(w.Misused);
            Assert.IsFalse(w.IsComplete);

            w.Restart();
            w.EndArray();
            Assert.IsTrue(w.Misused);
        }

        [TestMethod]
        public void RestartReusesTheBuffer()
        {
            var buffer = new byte[32];
            var w = new JsonWriter(buffer);
            w.Int(12345);
            w.Restart();
            w.Int(7);
            Assert.AreEqual("7", JsonTestUtil.Text(w));
            Assert.AreSame(buffer, w.Buffer);
        }

        [TestMethod]
        public void HexIsLowercase()
        {
            var w = new JsonWriter(new byte[32]);
            w.Hex(new byte[] { 0x00, 0xAB, 0x7F, 0xFF }, 0, 4);
            Assert.AreEqual("\"00ab7fff\"", JsonTestUtil.Text(w));
        }
    }
}
