using nanoFramework.TestFramework;
using SensorNode.Core.Features;
using SensorNode.Core.Json;
using SensorNode.Core.Protocol;
using SensorNode.Core.Tests.Json;

namespace SensorNode.Core.Tests.Protocol
{
    [TestClass]
    public class ProtocolEncoderTests
    {
        /// <summary>Floats go out with 7 significant digits: back within one part in 10^6.</summary>
        private static void Near(float expected, float actual)
        {
            Assert.IsTrue(System.Math.Abs(expected - actual) <= System.Math.Abs(expected) * 1e-6f, "expected " + expected.ToString() + ", got " + actual.ToString());
        }

        private static JsonWriter Writer()
        {
            return new JsonWriter(new byte[4096]);
        }

        [TestMethod]
        public void TelemetryOfAKnownRecordIsExactlyTheseBytes()
        {
            JsonWriter w = Writer();
            Assert.IsTrue(ProtocolEncoder.Telemetry(w, ProtocolSamples.KnownRecord()));
            Assert.AreEqual(ProtocolSamples.KnownTelemetry, JsonTestUtil.Text(w));
        }

        [TestMethod]
        public void TelemetryOmitsFailedSensors()
        {
            MeasurementRecord r = ProtocolSamples.KnownRecord();
            r.Status = MeasurementRecord.StatusTemperatureFailed | MeasurementRecord.StatusAccelerometerFailed | MeasurementRecord.StatusCurrentFailed;
            JsonWriter w = Writer();
            Assert.IsTrue(ProtocolEncoder.Telemetry(w, r));
            string text = JsonTestUtil.Text(w);
            Assert.AreEqual(-1, text.IndexOf("\"temp\""));
            Assert.AreEqual(-1, text.IndexOf("\"vib\""));
            Assert.AreEqual(-1, text.IndexOf("\"cur\""));
            Assert.IsTrue(text.IndexOf("\"st\":7") > 0);
        }

        [TestMethod]
        public void TelemetryWritesNaNAsNull()
        {
            MeasurementRecord r = ProtocolSamples.KnownRecord();
            r.Kurtosis[0] = float.NaN;
            JsonWriter w = Writer();
            ProtocolEncoder.Telemetry(w, r);
            Assert.IsTrue(JsonTestUtil.Text(w).IndexOf("\"kurt\":null") > 0);
            var back = new MeasurementRecord();
            Assert.AreEqual(ResultCode.Ok, ProtocolDecoder.Telemetry(w.Buffer, 0, w.Length, back, null));
            Assert.IsTrue(float.IsNaN(back.Kurtosis[0]));
        }

        [TestMethod]
        [DataRow(0)]
        [DataRow(50)]
        [DataRow(200)]
        [DataRow(399)]
        public void TelemetryOverflowIsReported(int size)
        {
            var w = new JsonWriter(new byte[size]);
            Assert.IsFalse(ProtocolEncoder.Telemetry(w, ProtocolSamples.ThreeAxisRecord(1)));
            Assert.IsTrue(w.Overflowed);
            Assert.IsTrue(w.Length <= size);
        }

        [TestMethod]
        public void TelemetryRoundTripsThroughTheDecoder()
        {
            MeasurementRecord r = ProtocolSamples.ThreeAxisRecord(123456);
            r.Historical = true;
            JsonWriter w = Writer();
            Assert.IsTrue(ProtocolEncoder.Telemetry(w, r));
            var back = new MeasurementRecord();
            var errors = new FieldErrors();
            Assert.AreEqual(ResultCode.Ok, ProtocolDecoder.Telemetry(w.Buffer, 0, w.Length, back, errors));
            Assert.AreEqual(r.Sequence, back.Sequence);
            Assert.AreEqual(r.TimestampUnixMs, back.TimestampUnixMs);
            Assert.IsTrue(back.Historical);
            Assert.IsTrue(back.TimeSynced);
            Assert.AreEqual(3, back.AxisCount);
            for (int a = 0; a < 3; a++)
            {
                Near(r.VelocityRms[a], back.VelocityRms[a]);
                Near(r.Kurtosis[a], back.Kurtosis[a]);
                Near(r.Mean[a], back.Mean[a]);
                Assert.AreEqual(r.IsoZone[a], back.IsoZone[a]);
                Near(r.Ftf[a], back.Ftf[a]);
                Near(r.DominantFrequency[a], back.DominantFrequency[a]);
            }

            Near(r.TemperatureC, back.TemperatureC);
            Assert.IsTrue(back.HasCurrent);
            Near(r.CurrentRms, back.CurrentRms);
            Assert.AreEqual(r.EnergyKwh, back.EnergyKwh);
            Assert.AreEqual(r.RunHours, back.RunHours);
            Assert.AreEqual(r.StartCount, back.StartCount);
            Assert.IsTrue(back.Running);
        }

        [TestMethod]
        public void DecoderRejectsMissingSequenceAndWrongTypes()
        {
            var errors = new FieldErrors();
            var r = new MeasurementRecord();
            byte[] p = JsonTestUtil.Bytes("{\"ts\":1,\"tsync\":true,\"hist\":false,\"st\":0}");
            Assert.AreEqual(ResultCode.MissingField, ProtocolDecoder.Telemetry(p, 0, p.Length, r, errors));
            Assert.AreEqual("seq", errors[0].Path);
            p = JsonTestUtil.Bytes("{\"seq\":\"1\",\"ts\":1,\"tsync\":true,\"hist\":false,\"st\":0}");
            Assert.AreEqual(ResultCode.WrongType, ProtocolDecoder.Telemetry(p, 0, p.Length, r, errors));
            p = JsonTestUtil.Bytes("{\"seq\":1,\"ts\":1,\"tsync\":true,\"hist\":false,\"st\":0,\"vib\":{\"x\":{\"zone\":\"E\"}}}");
            Assert.AreEqual(ResultCode.InvalidValue, ProtocolDecoder.Telemetry(p, 0, p.Length, r, errors));
            Assert.AreEqual("vib.x.zone", errors[0].Path);
            p = JsonTestUtil.Bytes("[1]");
            Assert.AreEqual(ResultCode.WrongType, ProtocolDecoder.Telemetry(p, 0, p.Length, r, errors));
            p = JsonTestUtil.Bytes("{\"seq\":1");
            Assert.AreEqual(ResultCode.JsonUnexpectedEnd, ProtocolDecoder.Telemetry(p, 0, p.Length, r, errors));
        }

        [TestMethod]
        public void DecoderIgnoresUnknownMembers()
        {
            byte[] p = JsonTestUtil.Bytes("{\"seq\":1,\"ts\":2,\"tsync\":false,\"hist\":false,\"st\":8,\"future\":{\"x\":1}}");
            var r = new MeasurementRecord();
            Assert.AreEqual(ResultCode.Ok, ProtocolDecoder.Telemetry(p, 0, p.Length, r, null));
            Assert.AreEqual(8, r.Status);
            Assert.AreEqual(0, r.AxisCount);
        }

        [TestMethod]
        public void AlarmRoundTrips()
        {
            JsonWriter w = Writer();
            AlarmEvent e = ProtocolSamples.Alarm();
            Assert.IsTrue(ProtocolEncoder.Alarm(w, e));
            Assert.AreEqual("{\"seq\":7,\"ts\":1763900000999,\"tsync\":true,\"hist\":false,\"feature\":\"vrms\",\"axis\":\"z\",\"level\":\"alarm\",\"prev\":\"warning\",\"value\":7.3,\"threshold\":7.1,\"kind\":\"iso\"}", JsonTestUtil.Text(w));
            var back = new AlarmEvent();
            Assert.AreEqual(ResultCode.Ok, ProtocolDecoder.Alarm(w.Buffer, 0, w.Length, back, null));
            Assert.AreEqual(e.Sequence, back.Sequence);
            Assert.AreEqual("vrms", back.FeatureKey);
            Assert.AreEqual(2, back.Axis);
            Assert.AreEqual(AlarmEvent.LevelAlarm, back.Level);
            Assert.AreEqual(AlarmEvent.LevelWarning, back.PreviousLevel);
            Assert.AreEqual(AlarmEvent.KindIso, back.Kind);
            Assert.AreEqual(7.3f, back.Value);
            Assert.AreEqual(7.1f, back.Threshold);
        }

        [TestMethod]
        public void NodeWideAlarmHasNoAxis()
        {
            JsonWriter w = Writer();
            AlarmEvent e = ProtocolSamples.Alarm();
            e.FeatureKey = "temp";
            e.Axis = -1;
            ProtocolEncoder.Alarm(w, e);
            Assert.AreEqual(-1, JsonTestUtil.Text(w).IndexOf("\"axis\""));
            var back = new AlarmEvent();
            Assert.AreEqual(ResultCode.Ok, ProtocolDecoder.Alarm(w.Buffer, 0, w.Length, back, null));
            Assert.AreEqual(-1, back.Axis);
        }

        [TestMethod]
        public void HealthRoundTrips()
        {
            JsonWriter w = Writer();
            HealthSnapshot h = ProtocolSamples.Health();
            Assert.IsTrue(ProtocolEncoder.Health(w, h));
            var back = new HealthSnapshot();
            Assert.AreEqual(ResultCode.Ok, ProtocolDecoder.Health(w.Buffer, 0, w.Length, back, null));
            Assert.AreEqual(h.UptimeSeconds, back.UptimeSeconds);
            Assert.AreEqual(h.FreeMemoryBytes, back.FreeMemoryBytes);
            Assert.AreEqual(h.RssiDbm, back.RssiDbm);
            Assert.AreEqual(h.QueueDepth, back.QueueDepth);
            Assert.AreEqual(h.DroppedCount, back.DroppedCount);
            Assert.AreEqual(h.Reconnects, back.Reconnects);
            Assert.AreEqual(h.LastError, back.LastError);
            Assert.AreEqual(6, back.RejectedSignatures);
            Assert.AreEqual(3, back.RejectedReplayed);
            Assert.AreEqual("running", back.State);
            Assert.AreEqual(2, back.SensorStatus);
        }

        [TestMethod]
        public void StatusAndWill()
        {
            JsonWriter w = Writer();
            Assert.IsTrue(ProtocolEncoder.Status(w, true, 3, 1763900000000));
            Assert.AreEqual("{\"state\":\"online\",\"boot\":3,\"ts\":1763900000000}", JsonTestUtil.Text(w));
            byte[] will = ProtocolEncoder.WillPayload(3);
            Assert.AreEqual("{\"state\":\"offline\",\"boot\":3}", JsonTestUtil.Text(will, 0, will.Length));
            var s = new StatusMessage();
            Assert.AreEqual(ResultCode.Ok, ProtocolDecoder.Status(will, 0, will.Length, s, null));
            Assert.AreEqual(StatusMessage.Offline, s.State);
            Assert.AreEqual((uint)3, s.BootCount);
            Assert.AreEqual(0L, s.TimestampUnixMs);
        }

        [TestMethod]
        public void BirthRoundTrips()
        {
            JsonWriter w = Writer();
            BirthInfo b = ProtocolSamples.Birth();
            Assert.IsTrue(ProtocolEncoder.Birth(w, b));
            string text = JsonTestUtil.Text(w);
            Assert.IsTrue(text.IndexOf("\"units\":{\"vrms\":\"mm/s\"") > 0);
            Assert.IsTrue(text.IndexOf("\"caps\":[\"rebirth\"") > 0);
            var back = new BirthInfo();
            Assert.AreEqual(ResultCode.Ok, ProtocolDecoder.Birth(w.Buffer, 0, w.Length, back, null));
            Assert.AreEqual("1.0.0", back.FirmwareVersion);
            Assert.AreEqual("esp32-devkitc", back.Board);
            Assert.AreEqual("Pump 3 (냉각수)", back.AssetName);
            Assert.AreEqual((uint)42, back.NextTelemetrySequence);
            Assert.AreEqual((uint)7, back.NextAlarmSequence);
            Assert.AreEqual("0123456789abcdef", back.ConfigHash);
            Assert.AreEqual(2048, back.FftSize);
            Assert.AreEqual("ADXL345", back.AccelerometerModel);
            Assert.AreEqual(3200f, back.AccelerometerRateHz);
            Assert.AreEqual("BME280", back.TemperatureModel);
            Assert.AreEqual("CT", back.CurrentModel);
            Assert.AreEqual(BirthInfo.DefaultCapabilities.Length, back.Capabilities.Length);
        }

        [TestMethod]
        public void ConfigAckRoundTripsWithErrors()
        {
            var ack = new ConfigAck();
            ack.Counter = 17;
            ack.Result = ResultCode.InvalidConfig;
            ack.Hash = "00112233aabbccdd";
            ack.Errors.Add("broker.port", ResultCode.OutOfRange, "out of range");
            ack.Errors.Add("thresholds[0].feature", ResultCode.InvalidValue, "not a telemetry feature key");
            JsonWriter w = Writer();
            Assert.IsTrue(ProtocolEncoder.ConfigAck(w, ack));
            Assert.AreEqual("{\"ctr\":17,\"result\":\"invalid_config\",\"hash\":\"00112233aabbccdd\",\"errors\":[{\"path\":\"broker.port\",\"code\":\"out_of_range\",\"msg\":\"out of range\"},{\"path\":\"thresholds[0].feature\",\"code\":\"invalid_value\",\"msg\":\"not a telemetry feature key\"}]}", JsonTestUtil.Text(w));
            var back = new ConfigAck();
            Assert.AreEqual(ResultCode.Ok, ProtocolDecoder.ConfigAck(w.Buffer, 0, w.Length, back, null));
            Assert.AreEqual(17L, back.Counter);
            Assert.AreEqual(ResultCode.InvalidConfig, back.Result);
            Assert.AreEqual(2, back.Errors.Count);
            Assert.AreEqual(ResultCode.OutOfRange, back.Errors.CodeOf("broker.port"));
        }

        [TestMethod]
        public void CommandAckRoundTrips()
        {
            var ack = new CommandAck();
            ack.Id = "c-9";
            ack.Command = "identify";
            ack.Counter = 99;
            ack.Result = ResultCode.Ok;
            JsonWriter w = Writer();
            Assert.IsTrue(ProtocolEncoder.CommandAck(w, ack));
            Assert.AreEqual("{\"id\":\"c-9\",\"cmd\":\"identify\",\"ctr\":99,\"result\":\"ok\"}", JsonTestUtil.Text(w));
            var back = new CommandAck();
            Assert.AreEqual(ResultCode.Ok, ProtocolDecoder.CommandAck(w.Buffer, 0, w.Length, back, null));
            Assert.AreEqual("c-9", back.Id);
            Assert.AreEqual(99L, back.Counter);
            Assert.AreEqual(ResultCode.Ok, back.Result);
        }

        [TestMethod]
        public void SpectrumChunkRoundTrips()
        {
            var amp = new float[300];
            for (int i = 0; i < amp.Length; i++)
            {
                amp[i] = 0.001f * i;
            }

            JsonWriter w = Writer();
            Assert.IsTrue(ProtocolEncoder.SpectrumChunk(w, "c-1", 1763900000000, 1, "accel", "m/s2", 1.5625f, amp, 128, 128, 300, 1, 3));
            var back = new SpectrumChunk();
            Assert.AreEqual(ResultCode.Ok, ProtocolDecoder.Spectrum(w.Buffer, 0, w.Length, back, null));
            Assert.AreEqual(1, back.Axis);
            Assert.AreEqual(128, back.FirstBin);
            Assert.AreEqual(300, back.TotalBins);
            Assert.AreEqual(128, back.Amplitudes.Length);
            Assert.AreEqual(1.5625f, back.BinHz);
            for (int i = 0; i < 128; i++)
            {
                float expected = amp[128 + i];
                Assert.IsTrue(System.Math.Abs(back.Amplitudes[i] - expected) <= expected * 1e-3f + 1e-9f, "bin " + i.ToString());
            }
        }

        [TestMethod]
        public void EveryResultCodeHasADistinctName()
        {
            int[] codes =
            {
                ResultCode.Ok, ResultCode.UnknownField, ResultCode.MissingField, ResultCode.WrongType, ResultCode.OutOfRange,
                ResultCode.InvalidValue, ResultCode.TooLong, ResultCode.TooMany, ResultCode.Inconsistent, ResultCode.UnknownCommand,
                ResultCode.UnsupportedVersion, ResultCode.InvalidConfig, ResultCode.Unchanged, ResultCode.UnknownOperation,
                ResultCode.LineTooLong, ResultCode.NotSupported, ResultCode.Failed, ResultCode.Busy, ResultCode.NothingToCommit,
                ResultCode.Unsigned, ResultCode.BadSignature, ResultCode.Replayed, ResultCode.NoKey, ResultCode.StorageFailed,
                ResultCode.JsonEmpty, ResultCode.JsonTooLarge, ResultCode.JsonTooDeep, ResultCode.JsonStringTooLong,
                ResultCode.JsonTooManyValues, ResultCode.JsonUnexpectedEnd, ResultCode.JsonUnexpectedCharacter,
                ResultCode.JsonInvalidNumber, ResultCode.JsonNumberOutOfRange, ResultCode.JsonInvalidEscape, ResultCode.JsonInvalidUtf8,
                ResultCode.JsonControlCharacter, ResultCode.JsonDuplicateKey, ResultCode.JsonTrailingData
            };
            for (int i = 0; i < codes.Length; i++)
            {
                string name = ResultCode.Name(codes[i]);
                Assert.AreNotEqual("unknown", name);
                Assert.AreEqual(codes[i], ResultCode.Parse(name));
                for (int j = 0; j < i; j++)
                {
                    Assert.AreNotEqual(ResultCode.Name(codes[j]), name);
                }
            }
        }
    }
}
