import { simFacePayFactory } from './face-pay/sim-face-pay-factory.js';
import { simNexoTerminalFactory } from './nexo-terminal/sim-nexo-terminal-factory.js';
import { simPrinterFactory } from './printer/sim-printer-factory.js';
import { SimFactoryCatalog } from './registry.js';
import { simScaleFactory } from './scale/sim-scale-factory.js';
import { SimMagellanScannerScale } from './scanner/sim-magellan-scanner-scale.js';
import { SimSerialScanner } from './scanner/sim-serial-scanner.js';
import { simEslAccessPointFactory } from './shelf-labels/sim-esl-access-point-factory.js';
import { simSmartCartFactory } from './smart-cart/sim-smart-cart-factory.js';
import { simWalletGatewayFactory } from './wallet-gateway/sim-wallet-gateway-factory.js';

/** Every simulated device this package can run, by `kind/protocol`; its nexo terminals share one acquirer. */
export function defaultCatalog(): SimFactoryCatalog {
  return new SimFactoryCatalog()
    .register(
      'scanner',
      'aim-serial',
      (spec, env) => new SimSerialScanner({ id: spec.id, runDir: env.runDir }),
    )
    .register('scale', 'toledo-8217', simScaleFactory)
    .register('scale', 'nci', simScaleFactory)
    .register('scanner-scale', 'magellan-sci', (spec, env) => {
      const unit = spec.options?.unit;
      if (unit !== undefined && unit !== 'lb' && unit !== 'kg') {
        throw new TypeError(`${spec.id}.options.unit must be lb or kg`);
      }
      return new SimMagellanScannerScale({ id: spec.id, runDir: env.runDir, ...(unit ? { unit } : {}) });
    })
    .register('printer', 'escpos-tcp', simPrinterFactory)
    .register('payment-terminal', 'nexo-https', simNexoTerminalFactory())
    .register('shelf-labels', 'openepaperlink-http', simEslAccessPointFactory)
    .register('smart-cart', 'cart-ws', simSmartCartFactory)
    .register('wallet-gateway', 'wechat-alipay-http', simWalletGatewayFactory)
    .register('face-pay', 'face-pay-http', simFacePayFactory);
}
