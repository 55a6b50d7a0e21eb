using nanoFramework.TestFramework;
using SensorNode.Core.Node;

namespace SensorNode.Core.Tests.Node
{
    [TestClass]
    public class BackoffAndSupervisorTests
    {
        [TestMethod]
        public void BackoffDoublesUpToTheCapWithinJitterBounds()
        {
            var b = new Backoff(1000, 60000, 0.3f, 42);
            long expectedBase = 1000;
            for (int attempt = 0; attempt < 40; attempt++)
            {
                int d = b.NextDelayMs();
                Assert.IsTrue(d <= expectedBase, "attempt " + attempt.ToString() + ": " + d.ToString() + " > " + expectedBase.ToString());
                Assert.IsTrue(d >= (long)(expectedBase * 0.7) - 1, "attempt " + attempt.ToString() + ": " + d.ToString());
                expectedBase = expectedBase * 2 > 60000 ? 60000 : expectedBase * 2;
            }

            Assert.AreEqual(60000, b.CurrentBaseMs);
            b.Reset();
            Assert.AreEqual(1000, b.CurrentBaseMs);
        }

        [TestMethod]
        public void JitterIsDeterministicPerSeedAndDiffersBetweenSeeds()
        {
            var a = new Backoff(1000, 60000, 0.5f, 7);
            var a2 = new Backoff(1000, 60000, 0.5f, 7);
            var c = new Backoff(1000, 60000, 0.5f, 8);
            int differ = 0;
            int spread = 0;
            int min = int.MaxValue;
            int max = 0;
            for (int i = 0; i < 20; i++)
            {
                int x = a.NextDelayMs();
                Assert.AreEqual(x, a2.NextDelayMs());
                if (x != c.NextDelayMs())
                {
                    differ++;
                }

                if (i >= 6)
                {
                    // At the cap: the jitter alone decides.
                    min = x < min ? x : min;
                    max = x > max ? x : max;
                    spread++;
                }
            }

            Assert.IsTrue(differ >= 18, "two nodes do not reconnect in lock-step");
            Assert.IsTrue(max - min > 5000, "jitter actually spreads: " + min.ToString() + ".." + max.ToString());
            Assert.IsTrue(min >= 30000 && max <= 60000);
        }

        [TestMethod]
        public void ZeroJitterIsPlainExponential()
        {
            var b = new Backoff(500, 4000, 0f, 1);
            Assert.AreEqual(500, b.NextDelayMs());
            Assert.AreEqual(1000, b.NextDelayMs());
            Assert.AreEqual(2000, b.NextDelayMs());
            Assert.AreEqual(4000, b.NextDelayMs());
            Assert.AreEqual(4000, b.NextDelayMs());
        }

        [TestMethod]
        public void SupervisorRestartsThenReboots()
        {
            var s = new Supervisor(30000, 2);
            s.Arm(0);
            Assert.AreEqual(SupervisorAction.None, s.Check(29999));
            Assert.AreEqual(SupervisorAction.RestartCycle, s.Check(30000));
            Assert.AreEqual(SupervisorAction.None, s.Check(45000), "a full bound before judging again");
            Assert.AreEqual(SupervisorAction.RestartCycle, s.Check(60000));
            Assert.AreEqual(SupervisorAction.Reboot, s.Check(90000));
            Assert.AreEqual(3, s.Detections);
            Assert.AreEqual(2, s.Restarts);
        }

        [TestMethod]
        public void HealthyCyclesResetTheCount()
        {
            var s = new Supervisor(30000, 1);
            s.Arm(0);
            Assert.AreEqual(SupervisorAction.RestartCycle, s.Check(30000));
            s.CycleStarted(31000);
            Assert.AreEqual(SupervisorAction.None, s.CycleCompleted(32000));
            Assert.AreEqual(0, s.Consecutive);
            Assert.AreEqual(SupervisorAction.RestartCycle, s.Check(62000), "not a reboot: the count started again");
        }

        [TestMethod]
        public void CycleHangingInsideADriverIsDetectedFromOutside()
        {
            var s = new Supervisor(30000, 3);
            s.Arm(0);
            s.CycleStarted(10000);
            Assert.AreEqual(SupervisorAction.None, s.Check(39999));
            Assert.AreEqual(SupervisorAction.RestartCycle, s.Check(40000));
        }

        [TestMethod]
        public void OverlongCycleCountsAsStuck()
        {
            var s = new Supervisor(30000, 3);
            s.Arm(0);
            s.CycleStarted(1000);
            Assert.AreEqual(SupervisorAction.RestartCycle, s.CycleCompleted(31000));
        }

        [TestMethod]
        public void DisarmedSupervisorNeverActs()
        {
            var s = new Supervisor(30000, 0);
            Assert.AreEqual(SupervisorAction.None, s.Check(1000000));
            s.Arm(0);
            s.Disarm();
            Assert.AreEqual(SupervisorAction.None, s.Check(1000000));
        }
    }
}
