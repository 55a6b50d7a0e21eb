using nanoFramework.TestFramework;
using SensorNode.Core.Config;
using SensorNode.Core.Json;
using SensorNode.Core.Protocol;
using SensorNode.Core.Security;
using SensorNode.Core.Tests.Json;

namespace SensorNode.Core.Tests.Config
{
    [TestClass]
    public class ConfigCodecTests
    {
        private static string Write(NodeConfig c, int mode)
        {
            var w = new JsonWriter(new byte[ConfigCodec.MaxDocumentBytes]);
            ConfigCodec.Write(w, c, mode);
            Assert.IsTrue(w.IsComplete);
            return JsonTestUtil.Text(w);
        }

        [TestMethod]
        public void CompleteDocumentAppliesAndValidates()
        {
            var c = new NodeConfig();
            var errors = new FieldErrors();
            Assert.IsTrue(ConfigCodec.Apply(JsonTestUtil.Parse(ConfigSamples.CompleteJson()), c, errors));
            Assert.IsTrue(ConfigValidator.Validate(c, errors));
            Assert.AreEqual(0, errors.Total);
            Assert.AreEqual("n1", c.NodeId);
            Assert.AreEqual("Pump 3", c.AssetName);
            Assert.AreEqual(4, c.AccelRangeG);
            Assert.AreEqual(4096, c.BurstLength);
            Assert.AreEqual(9, c.BearingBalls);
            Assert.AreEqual(39.04f, c.BearingPitchDiameterMm);
            Assert.AreEqual(NodeConfig.ShaftFixed, c.ShaftMode);
            Assert.AreEqual(2, c.ThresholdCount);
            Assert.AreEqual("temp", c.Thresholds[1].Feature);
            Assert.AreEqual(-1, c.Thresholds[1].Axis);
            Assert.AreEqual(32, c.CommandKey.Length);
            Assert.IsTrue(c.QueueSpill);
        }

        [TestMethod]
        public void FullFormRoundTripsExactly()
        {
            NodeConfig c = ConfigSamples.Complete();
            string first = Write(c, ConfigCodec.ModeFull);
            var back = new NodeConfig();
            Assert.IsTrue(ConfigCodec.Apply(JsonTestUtil.Parse(first), back, new FieldErrors()));
            Assert.AreEqual(first, Write(back, ConfigCodec.ModeFull));
            Assert.AreEqual(ConfigHash.Compute(c), ConfigHash.Compute(back));
        }

        [TestMethod]
        public void RedactedFormHasNoSecrets()
        {
            NodeConfig c = ConfigSamples.Complete();
            c.BrokerCaPem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
            string text = Write(c, ConfigCodec.ModeRedacted);
            Assert.AreEqual(-1, text.IndexOf(ConfigSamples.WifiSecret));
            Assert.AreEqual(-1, text.IndexOf(ConfigSamples.BrokerSecret));
            Assert.AreEqual(-1, text.IndexOf("000102030405"));
            Assert.AreEqual(-1, text.IndexOf("BEGIN CERTIFICATE"));
            Assert.IsTrue(text.IndexOf("\"wifi\":{\"ssid\":\"plant-wifi\",\"passwordSet\":true}") > 0);
            Assert.IsTrue(text.IndexOf("\"keySet\":true") > 0);
            Assert.IsTrue(text.IndexOf("\"caSet\":true") > 0);

            // The redacted form can be edited and sent back: the indicators are ignored, secrets kept.
            var copy = new NodeConfig();
            copy.CopyFrom(c);
            var errors = new FieldErrors();
            Assert.IsTrue(ConfigCodec.Apply(JsonTestUtil.Parse(text), copy, errors));
            Assert.AreEqual(ConfigSamples.WifiSecret, copy.WifiPassword);
            Assert.AreEqual(ConfigSamples.BrokerSecret, copy.BrokerPassword);
            Assert.IsTrue(MessageSigner.FixedTimeEquals(c.CommandKey, copy.CommandKey));
        }

        [TestMethod]
        public void PartialDocumentMergesOnlyWhatIsPresent()
        {
            NodeConfig c = ConfigSamples.Complete();
            var errors = new FieldErrors();
            Assert.IsTrue(ConfigCodec.Apply(JsonTestUtil.Parse("{\"broker\":{\"port\":1883,\"tls\":false},\"report\":{\"intervalS\":30}}"), c, errors));
            Assert.AreEqual(1883, c.BrokerPort);
            Assert.IsFalse(c.BrokerTls);
            Assert.AreEqual(30, c.ReportIntervalS);
            Assert.AreEqual("broker.plant.local", c.BrokerHost);
            Assert.AreEqual(ConfigSamples.BrokerSecret, c.BrokerPassword);
            Assert.AreEqual(2, c.ThresholdCount);
        }

        [TestMethod]
        public void ThresholdListIsReplacedWhole()
        {
            NodeConfig c = ConfigSamples.Complete();
            Assert.IsTrue(ConfigCodec.Apply(JsonTestUtil.Parse("{\"thresholds\":[{\"feature\":\"kurt\",\"axis\":\"z\",\"warning\":5,\"alarm\":8,\"onDelay\":3}]}"), c, new FieldErrors()));
            Assert.AreEqual(1, c.ThresholdCount);
            Assert.AreEqual("kurt", c.Thresholds[0].Feature);
            Assert.AreEqual(2, c.Thresholds[0].Axis);
            Assert.AreEqual(3, c.Thresholds[0].OnDelayWindows);
            Assert.IsTrue(ConfigCodec.Apply(JsonTestUtil.Parse("{\"thresholds\":[]}"), c, new FieldErrors()));
            Assert.AreEqual(0, c.ThresholdCount);
        }

        [TestMethod]
        [DataRow("{\"bogus\":1}", "bogus", ResultCode.UnknownField)]
        [DataRow("{\"broker\":{\"prot\":1}}", "broker.prot", ResultCode.UnknownField)]
        [DataRow("{\"broker\":{\"port\":0}}", "broker.port", ResultCode.OutOfRange)]
        [DataRow("{\"broker\":{\"port\":65536}}", "broker.port", ResultCode.OutOfRange)]
        [DataRow("{\"broker\":{\"port\":\"8883\"}}", "broker.port", ResultCode.WrongType)]
        [DataRow("{\"broker\":{\"port\":88.5}}", "broker.port", ResultCode.WrongType)]
        [DataRow("{\"broker\":{\"tls\":1}}", "broker.tls", ResultCode.WrongType)]
        [DataRow("{\"broker\":{\"host\":\"bad host\"}}", "broker.host", ResultCode.InvalidValue)]
        [DataRow("{\"broker\":{\"ca\":\"not pem\"}}", "broker.ca", ResultCode.InvalidValue)]
        [DataRow("{\"broker\":5}", "broker", ResultCode.WrongType)]
        [DataRow("{\"node\":{\"id\":\"a/b\"}}", "node.id", ResultCode.InvalidValue)]
        [DataRow("{\"node\":{\"id\":\"\"}}", "node.id", ResultCode.InvalidValue)]
        [DataRow("{\"node\":{\"site\":\"123456789012345678901234567890123\"}}", "node.site", ResultCode.TooLong)]
        [DataRow("{\"wifi\":{\"password\":\"short\"}}", "wifi.password", ResultCode.InvalidValue)]
        [DataRow("{\"security\":{\"key\":\"00\"}}", "security.key", ResultCode.InvalidValue)]
        [DataRow("{\"security\":{\"key\":\"zz0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\"}}", "security.key", ResultCode.InvalidValue)]
        [DataRow("{\"accel\":{\"rangeG\":3}}", "accel.rangeG", ResultCode.InvalidValue)]
        [DataRow("{\"sampling\":{\"fftSize\":1000}}", "sampling.fftSize", ResultCode.InvalidValue)]
        [DataRow("{\"sampling\":{\"fftSize\":16384}}", "sampling.fftSize", ResultCode.OutOfRange)]
        [DataRow("{\"bands\":{\"velocity\":{\"lo\":0}}}", "bands.velocity.lo", ResultCode.OutOfRange)]
        [DataRow("{\"bands\":{\"hf\":{\"mid\":3}}}", "bands.hf.mid", ResultCode.UnknownField)]
        [DataRow("{\"iso\":{\"class\":\"V\"}}", "iso.class", ResultCode.InvalidValue)]
        [DataRow("{\"iso\":{\"standard\":\"20816\"}}", "iso.standard", ResultCode.InvalidValue)]
        [DataRow("{\"iso\":{\"foundation\":\"soft\"}}", "iso.foundation", ResultCode.InvalidValue)]
        [DataRow("{\"iso\":{\"group\":3}}", "iso.group", ResultCode.OutOfRange)]
        [DataRow("{\"shaft\":{\"mode\":\"guess\"}}", "shaft.mode", ResultCode.InvalidValue)]
        [DataRow("{\"ct\":{\"pf\":1.5}}", "ct.pf", ResultCode.OutOfRange)]
        [DataRow("{\"thresholds\":{}}", "thresholds", ResultCode.WrongType)]
        [DataRow("{\"thresholds\":[{\"feature\":\"rms\",\"warning\":1,\"alarm\":2}]}", "thresholds[0].feature", ResultCode.InvalidValue)]
        [DataRow("{\"thresholds\":[{\"feature\":\"vrms\",\"axis\":\"q\",\"warning\":1,\"alarm\":2}]}", "thresholds[0].axis", ResultCode.InvalidValue)]
        [DataRow("{\"thresholds\":[{\"feature\":\"temp\",\"axis\":\"x\",\"warning\":1,\"alarm\":2}]}", "thresholds[0].axis", ResultCode.Inconsistent)]
        [DataRow("{\"thresholds\":[{\"feature\":\"vrms\",\"warning\":5,\"alarm\":2}]}", "thresholds[0].alarm", ResultCode.Inconsistent)]
        [DataRow("{\"thresholds\":[{\"feature\":\"vrms\",\"alarm\":2}]}", "thresholds[0].warning", ResultCode.MissingField)]
        [DataRow("{\"thresholds\":[{\"feature\":\"vrms\",\"warning\":1,\"alarm\":2,\"x\":0}]}", "thresholds[0].x", ResultCode.UnknownField)]
        [DataRow("{\"temp\":{\"smoothing\":0}}", "temp.smoothing", ResultCode.OutOfRange)]
        [DataRow("{\"queue\":{\"capacity\":0}}", "queue.capacity", ResultCode.OutOfRange)]
        [DataRow("{\"schema\":2}", "schema", ResultCode.UnsupportedVersion)]
        public void FieldErrorsNameThePathAndTheReason(string json, string path, int code)
        {
            NodeConfig c = ConfigSamples.Complete();
            var errors = new FieldErrors();
            Assert.IsFalse(ConfigCodec.Apply(JsonTestUtil.Parse(json), c, errors));
            Assert.AreEqual(code, errors.CodeOf(path), json);
            Assert.IsTrue(errors[0].Message.Length > 0);
        }

        [TestMethod]
        public void TooManyThresholds()
        {
            var sb = new System.Text.StringBuilder("{\"thresholds\":[");
            for (int i = 0; i < NodeConfig.MaxThresholds + 1; i++)
            {
                sb.Append(i == 0 ? "" : ",");
                sb.Append("{\"feature\":\"vrms\",\"warning\":1,\"alarm\":2}");
            }

            sb.Append("]}");
            var errors = new FieldErrors();
            Assert.IsFalse(ConfigCodec.Apply(JsonTestUtil.Parse(sb.ToString()), new NodeConfig(), errors));
            Assert.AreEqual(ResultCode.TooMany, errors.CodeOf("thresholds"));
        }

        [TestMethod]
        public void ErrorListIsBoundedButCounted()
        {
            var sb = new System.Text.StringBuilder("{");
            for (int i = 0; i < 40; i++)
            {
                sb.Append(i == 0 ? "" : ",");
                sb.Append("\"x" + i.ToString() + "\":1");
            }

            sb.Append("}");
            var errors = new FieldErrors();
            ConfigCodec.Apply(JsonTestUtil.Parse(sb.ToString()), new NodeConfig(), errors);
            Assert.AreEqual(FieldErrors.Capacity, errors.Count);
            Assert.AreEqual(40, errors.Total);
        }

        [TestMethod]
        public void FlatPathsNest()
        {
            var errors = new FieldErrors();
            JsonNode nested = ConfigCodec.NestFlat(JsonTestUtil.Parse("{\"broker.port\":1883,\"broker.tls\":false,\"bands.velocity.lo\":2,\"node.asset\":\"Fan\"}"), errors);
            Assert.AreEqual(0, errors.Total);
            NodeConfig c = ConfigSamples.Complete();
            Assert.IsTrue(ConfigCodec.Apply(nested, c, errors));
            Assert.AreEqual(1883, c.BrokerPort);
            Assert.IsFalse(c.BrokerTls);
            Assert.AreEqual(2f, c.VelocityBandLowHz);
            Assert.AreEqual("Fan", c.AssetName);

            ConfigCodec.NestFlat(JsonTestUtil.Parse("{\"broker\":{\"port\":1},\"broker.tls\":false}"), errors);
            Assert.AreEqual(ResultCode.InvalidValue, errors.CodeOf("broker.tls"));
            errors.Clear();
            ConfigCodec.NestFlat(JsonTestUtil.Parse("{\"broker..port\":1}"), errors);
            Assert.AreEqual(1, errors.Total);
        }

        [TestMethod]
        public void ValidatorChecksWhatSpansFields()
        {
            var errors = new FieldErrors();
            Assert.IsFalse(ConfigValidator.Validate(new NodeConfig(), errors));
            Assert.AreEqual(ResultCode.MissingField, errors.CodeOf("node.id"));
            Assert.AreEqual(ResultCode.MissingField, errors.CodeOf("node.site"));
            Assert.AreEqual(ResultCode.MissingField, errors.CodeOf("broker.host"));

            NodeConfig c = ConfigSamples.Complete();
            c.AccelOdrHz = 1600;
            c.BurstLength = 1024;
            c.BearingPitchDiameterMm = 5;
            c.ShaftMode = NodeConfig.ShaftEstimate;
            c.ShaftMinRpm = 1000;
            c.ShaftMaxRpm = 900;
            c.RunningHysteresisA = 0.6f;
            c.AlarmReportIntervalS = 120;
            c.AddThreshold("vrms", -1, 1, 2, 0, 0);
            errors.Clear();
            Assert.IsFalse(ConfigValidator.Validate(c, errors));
            Assert.AreEqual(ResultCode.Inconsistent, errors.CodeOf("bands.hf.hi"));
            Assert.AreEqual(ResultCode.Inconsistent, errors.CodeOf("bands.envelope.hi"));
            Assert.AreEqual(ResultCode.Inconsistent, errors.CodeOf("sampling.burst"));
            Assert.AreEqual(ResultCode.Inconsistent, errors.CodeOf("bearing.D"));
            Assert.AreEqual(ResultCode.Inconsistent, errors.CodeOf("shaft.maxRpm"));
            Assert.AreEqual(ResultCode.Inconsistent, errors.CodeOf("running.hysteresis"));
            Assert.AreEqual(ResultCode.Inconsistent, errors.CodeOf("report.alarmIntervalS"));
            Assert.AreEqual(ResultCode.Inconsistent, errors.CodeOf("thresholds[2]"));
        }

        [TestMethod]
        public void HashIsStableAndIgnoresSecretValues()
        {
            NodeConfig c = ConfigSamples.Complete();
            string h = ConfigHash.Compute(c);
            Assert.AreEqual(16, h.Length);
            Assert.AreEqual(h, ConfigHash.Compute(ConfigSamples.Complete()));
            c.WifiPassword = "another-password";
            Assert.AreEqual(h, ConfigHash.Compute(c));
            c.ReportIntervalS = 61;
            Assert.AreNotEqual(h, ConfigHash.Compute(c));
            c.ReportIntervalS = 60;
            c.WifiPassword = null;
            Assert.AreNotEqual(h, ConfigHash.Compute(c));
        }

        [TestMethod]
        public void ReportedConfigReadsBackOnTheHost()
        {
            NodeConfig c = ConfigSamples.Complete();
            var w = new JsonWriter(new byte[ConfigCodec.MaxDocumentBytes]);
            string hash = ConfigHash.Compute(c);
            Assert.IsTrue(ConfigCodec.WriteReported(w, c, hash, 42));
            var back = new NodeConfig();
            long ctr;
            string readHash;
            Assert.AreEqual(ResultCode.Ok, ConfigCodec.ReadReported(w.Buffer, 0, w.Length, back, out ctr, out readHash, new FieldErrors()));
            Assert.AreEqual(42L, ctr);
            Assert.AreEqual(hash, readHash);
            Assert.AreEqual(c.BrokerHost, back.BrokerHost);
            Assert.AreEqual(c.ThresholdCount, back.ThresholdCount);
            Assert.IsNull(back.BrokerPassword);
            Assert.IsNull(back.CommandKey);
        }

        [TestMethod]
        public void CopyIsDeep()
        {
            NodeConfig c = ConfigSamples.Complete();
            var copy = new NodeConfig();
            copy.CopyFrom(c);
            copy.Thresholds[0].Alarm = 99;
            copy.CommandKey[0] = 0xEE;
            Assert.AreEqual(7.1f, c.Thresholds[0].Alarm);
            Assert.AreEqual((byte)0, c.CommandKey[0]);
            copy.ResetToDefaults();
            Assert.IsNull(copy.NodeId);
            Assert.AreEqual(0, copy.ThresholdCount);
            Assert.AreEqual(8883, copy.BrokerPort);
        }
    }
}
