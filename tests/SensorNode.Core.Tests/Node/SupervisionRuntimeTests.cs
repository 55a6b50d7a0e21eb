using nanoFramework.TestFramework;
using SensorNode.Core.Node;

namespace SensorNode.Core.Tests.Node
{
    [TestClass]
    public class SupervisionRuntimeTests
    {
        [TestMethod]
        public void WedgedSensorIsRecoveredByRestartingTheCycle()
        {
            var settings = RuntimeRig.DefaultSettings();
            settings.StuckAfterMs = 30000;
            var rig = new RuntimeRig(settings);
            rig.RunFor(25000);
            int configures = rig.Accelerometer.ConfigureCount;
            Assert.AreEqual(1, configures);
            // The FIFO stops filling: the next read takes a minute.
            rig.Accelerometer.Wedged = true;
            rig.Accelerometer.HangMs = 60000;
            rig.RunFor(10000);
            Assert.AreEqual(1, rig.Runtime.Supervisor.Restarts);
            Assert.AreEqual(0, rig.System.RebootCount);
            rig.RunFor(60000);
            Assert.IsTrue(rig.Accelerometer.ConfigureCount > configures, "restart re-configured the sensor");
            Assert.IsFalse(rig.Accelerometer.Wedged);
            Assert.AreEqual(0, rig.Runtime.Supervisor.Consecutive, "healthy cycles again");
            Assert.AreEqual(0, rig.System.RebootCount);
            var status = new NodeStatus();
            rig.Runtime.GetStatus(status);
            Assert.AreEqual(1, status.CycleRestarts);
        }

        [TestMethod]
        public void PersistentlyWedgedSensorEndsInOneCountedReboot()
        {
            var settings = RuntimeRig.DefaultSettings();
            settings.StuckAfterMs = 30000;
            settings.MaxCycleRestarts = 2;
            var rig = new RuntimeRig(settings);
            rig.RunFor(5000);
            rig.Accelerometer.Wedged = true;
            rig.Accelerometer.StayWedged = true;
            rig.Accelerometer.HangMs = 60000;
            for (int i = 0; i < 200 && rig.System.RebootCount == 0; i++)
            {
                rig.Runtime.Tick();
                rig.Clock.Advance(1000);
            }

            Assert.AreEqual(1, rig.System.RebootCount);
            Assert.AreEqual(2, rig.Runtime.Supervisor.Restarts, "restarts first, reboot last");
            Assert.AreEqual(1, rig.Runtime.SupervisorReboots);

            // After the reboot the counter is still there (persisted), and the boot count went up.
            rig.Accelerometer.StayWedged = false;
            rig.Accelerometer.Wedged = false;
            rig.Build();
            rig.RunFor(5000);
            var status = new NodeStatus();
            rig.Runtime.GetStatus(status);
            Assert.AreEqual(1, status.SupervisorReboots);
            Assert.AreEqual((uint)2, status.BootCount);
        }

        [TestMethod]
        public void WatchdogThreadSeesACycleBlockedInADriver()
        {
            var settings = RuntimeRig.DefaultSettings();
            settings.StuckAfterMs = 30000;
            var rig = new RuntimeRig(settings);
            rig.RunFor(5000);
            // As the device's watchdog thread would, while the runtime thread is blocked inside ReadBurst.
            rig.Runtime.Supervisor.CycleStarted(rig.Clock.MonotonicMs);
            rig.Clock.Advance(31000);
            Assert.AreEqual(SupervisorAction.RestartCycle, rig.Runtime.Supervise());
            Assert.AreEqual(0, rig.System.RebootCount);
        }
    }
}
