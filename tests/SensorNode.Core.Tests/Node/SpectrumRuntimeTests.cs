using System;
using System.Text;
using nanoFramework.TestFramework;
using SensorNode.Core.Config;
using SensorNode.Core.Node;
using SensorNode.Core.Protocol;
using SensorNode.Core.Tests.Config;
using SensorNode.Core.Tests.Fakes;
using SensorNode.Core.Tests.Security;

namespace SensorNode.Core.Tests.Node
{
    /// <summary>The spectrum snapshot command end to end: signed command → ack → chunks of the next window's
    /// spectrum, decoded with the protocol decoder and put back together.</summary>
    [TestClass]
    public class SpectrumRuntimeTests
    {
        // 3200 Hz / 1024 points = 3.125 Hz per bin; 200 Hz is bin 64 (a bin-centred tone keeps its amplitude).
        private const float ToneHz = 200f;
        private const float ToneRms = 2f;
        private const int ToneBin = 64;
        private const float BinHz = 3.125f;

        private static RuntimeRig Running()
        {
            NodeConfig c = ConfigSamples.Complete();
            c.FftSize = 1024;
            c.BurstLength = 1024;
            c.CurrentSamples = 1024;
            RuntimeRig rig = RuntimeRig.WithServices(c);
            rig.Accelerometer.FrequencyHz[1] = ToneHz;
            rig.Accelerometer.RmsPerAxis[1] = ToneRms;
            rig.RunFor(5000);
            Assert.AreEqual(NodeState.Running, rig.Runtime.State);
            return rig;
        }

        private static string Command(RuntimeRig rig, string id, long ctr, string args)
        {
            rig.Mqtt.Deliver(SecurityTestUtil.CommandTopic, SecurityTestUtil.Command(id, "spectrum", ctr, args));
            rig.RunFor(100, 100);
            var acks = rig.Mqtt.WithTopicEnding("/cmd/ack");
            Assert.IsTrue(acks.Count > 0, "no ack");
            return FakeMqttLink.JsonString(((PublishedMessage)acks[acks.Count - 1]).Payload, "result");
        }

        /// <summary>Runs until spectrum chunks appear (at most one report interval and a bit).</summary>
        private static int RunUntilChunks(RuntimeRig rig)
        {
            for (int i = 0; i < 140; i++)
            {
                int n = rig.Mqtt.WithTopicEnding("/spectrum").Count;
                if (n > 0)
                {
                    return n;
                }

                rig.RunFor(500);
            }

            return 0;
        }

        /// <summary>Decodes and reassembles every chunk on the spectrum topic; checks they belong together.</summary>
        private static float[] Reassemble(RuntimeRig rig, string id, int axis, string kind, string unit)
        {
            var list = rig.Mqtt.WithTopicEnding("/spectrum");
            Assert.IsTrue(list.Count > 0, "no chunks");
            float[] whole = null;
            bool[] seen = null;
            long ts = -1;
            for (int i = 0; i < list.Count; i++)
            {
                var m = (PublishedMessage)list[i];
                Assert.AreEqual(Topics.SpectrumQos, m.Qos);
                Assert.IsFalse(m.Retain, "spectrum chunks are not retained");
                byte[] bytes = Encoding.UTF8.GetBytes(m.Payload);
                var c = new SpectrumChunk();
                var errors = new FieldErrors();
                Assert.AreEqual(ResultCode.Ok, ProtocolDecoder.Spectrum(bytes, 0, bytes.Length, c, errors), m.Payload);
                Assert.AreEqual(id, c.Id);
                Assert.AreEqual(axis, c.Axis);
                Assert.AreEqual(kind, c.Kind);
                Assert.AreEqual(unit, c.Unit);
                Assert.IsTrue(Math.Abs(c.BinHz - BinHz) < 1e-4, "df " + c.BinHz.ToString());
                Assert.AreEqual(list.Count, c.ChunkCount, "one snapshot, every chunk sent");
                Assert.IsTrue(c.Amplitudes.Length <= NodeRuntime.SpectrumBinsPerChunk, "chunk size");
                if (whole == null)
                {
                    whole = new float[c.TotalBins];
                    seen = new bool[c.TotalBins];
                    ts = c.TimestampUnixMs;
                }

                Assert.AreEqual(whole.Length, c.TotalBins);
                Assert.AreEqual(ts, c.TimestampUnixMs, "all chunks carry the window's time");
                Assert.AreEqual(c.ChunkIndex * NodeRuntime.SpectrumBinsPerChunk, c.FirstBin);
                for (int k = 0; k < c.Amplitudes.Length; k++)
                {
                    Assert.IsFalse(seen[c.FirstBin + k], "bin sent twice");
                    seen[c.FirstBin + k] = true;
                    whole[c.FirstBin + k] = c.Amplitudes[k];
                }
            }

            for (int k = 0; k < seen.Length; k++)
            {
                Assert.IsTrue(seen[k], "bin " + k.ToString() + " missing");
            }

            return whole;
        }

        private static int ArgMax(float[] a)
        {
            int best = 0;
            for (int k = 1; k < a.Length; k++)
            {
                if (a[k] > a[best])
                {
                    best = k;
                }
            }

            return best;
        }

        [TestMethod]
        public void AccelerationSpectrumPeaksAtTheToneWithItsAmplitude()
        {
            RuntimeRig rig = Running();
            Assert.AreEqual("ok", Command(rig, "s1", 11, "{\"axis\":\"y\"}"));
            Assert.AreEqual(0, rig.Mqtt.WithTopicEnding("/spectrum").Count, "nothing before the next window");
            RunUntilChunks(rig);
            float[] amp = Reassemble(rig, "s1", 1, "accel", "m/s2");
            Assert.AreEqual(1024 / 2 + 1, amp.Length, "bins up to Nyquist");
            Assert.AreEqual(ToneBin, ArgMax(amp));
            float expected = ToneRms * (float)Math.Sqrt(2.0);
            Assert.IsTrue(Math.Abs(amp[ToneBin] - expected) <= 0.01f * expected, "peak " + amp[ToneBin].ToString("F4") + " vs " + expected.ToString("F4"));
            Assert.IsTrue(amp[ToneBin + 10] < 0.01f * expected, "leakage far from the tone stays small");
            Assert.IsFalse(rig.Runtime.SpectrumPending);
        }

        [TestMethod]
        public void VelocitySpectrumUpToMaxHzIsInMillimetresPerSecond()
        {
            RuntimeRig rig = Running();
            Assert.AreEqual("ok", Command(rig, "v1", 11, "{\"axis\":\"y\",\"kind\":\"velocity\",\"maxHz\":400}"));
            RunUntilChunks(rig);
            float[] amp = Reassemble(rig, "v1", 1, "velocity", "mm/s");
            Assert.AreEqual(129, amp.Length, "400 Hz / 3.125 Hz = bin 128 is the last");
            Assert.AreEqual(ToneBin, ArgMax(amp));
            float expected = 1000f * ToneRms * (float)Math.Sqrt(2.0) / (float)(2.0 * Math.PI * ToneHz);
            Assert.IsTrue(Math.Abs(amp[ToneBin] - expected) <= 0.01f * expected, "peak " + amp[ToneBin].ToString("F4") + " vs " + expected.ToString("F4"));
            Assert.AreEqual(0f, amp[0], "no velocity at DC");
        }

        [TestMethod]
        public void SecondRequestIsBusyWhilePendingAndRateLimited()
        {
            RuntimeRig rig = Running();

            // Line the request up just before a window: wait for a telemetry message, then most of an interval.
            int telemetry = rig.Mqtt.WithTopicEnding("/telemetry").Count;
            for (int i = 0; i < 140 && rig.Mqtt.WithTopicEnding("/telemetry").Count == telemetry; i++)
            {
                rig.RunFor(500);
            }

            rig.RunFor(55000);
            Assert.AreEqual("ok", Command(rig, "b1", 11, "{\"axis\":\"x\"}"));
            Assert.AreEqual("busy", Command(rig, "b2", 12, "{\"axis\":\"z\"}"), "one snapshot at a time");
            int chunks = RunUntilChunks(rig);
            Assert.IsTrue(chunks > 0, "the first request is served");
            Assert.IsFalse(rig.Runtime.SpectrumPending);
            Assert.AreEqual("busy", Command(rig, "b3", 13, "{\"axis\":\"z\"}"), "rate limit: less than 10 s since the last");
            rig.RunFor(NodeRuntime.SpectrumMinIntervalMs);
            Assert.AreEqual("ok", Command(rig, "b4", 14, "{\"axis\":\"z\"}"), "after the interval a new snapshot is accepted");
            Assert.AreEqual(chunks, rig.Mqtt.WithTopicEnding("/spectrum").Count, "the busy requests sent nothing");
        }

        [TestMethod]
        public void BadAxisIsRejectedAndSendsNothing()
        {
            RuntimeRig rig = Running();
            string result = Command(rig, "a1", 11, "{\"axis\":\"w\"}");
            Assert.IsFalse(result == "ok", "axis w rejected, got " + result);
            Assert.IsFalse(rig.Runtime.SpectrumPending);
            rig.RunFor(65000);
            Assert.AreEqual(0, rig.Mqtt.WithTopicEnding("/spectrum").Count);

            // The rejection did not use up the rate limit.
            Assert.AreEqual("ok", Command(rig, "a2", 12, "{\"axis\":\"x\"}"));
        }

        [TestMethod]
        public void EnvelopeKindIsNotSupported()
        {
            RuntimeRig rig = Running();
            Assert.AreEqual("not_supported", Command(rig, "e1", 11, "{\"axis\":\"x\",\"kind\":\"envelope\"}"));
            Assert.IsFalse(rig.Runtime.SpectrumPending);
        }

        [TestMethod]
        public void NoChunksWhenOfflineAndNothingQueued()
        {
            RuntimeRig rig = Running();
            Assert.AreEqual("ok", Command(rig, "o1", 11, "{\"axis\":\"y\"}"));
            rig.Mqtt.BrokerDown();
            rig.RunFor(65000);
            Assert.IsFalse(rig.Runtime.SpectrumPending, "the window came and dropped the request");
            rig.Mqtt.BrokerUp = true;
            rig.RunFor(130000);
            Assert.AreEqual(NodeState.Running, rig.Runtime.State);
            Assert.IsTrue(rig.Mqtt.WithTopicEnding("/telemetry").Count > 0);
            Assert.AreEqual(0, rig.Mqtt.WithTopicEnding("/spectrum").Count, "spectra are not queued");
        }
    }
}
