import { simFacePayFactory } from './face-pay/sim-face-pay-factory.js';
import { simNexoTerminalFactory } from './nexo-terminal/sim-nexo-terminal-factory.js';
import { simPaymentTerminalFactory } from './payment/sim-payment-terminal-factory.js';
import { simPrinterFactory } from './printer/sim-printer-factory.js';
import { SimFactoryCatalog } from './registry.js';
import { SimScale } from './scale/sim-scale.js';
import { SimSerialScanner } from './scanner/sim-serial-scanner.js';
import { simEslAccessPointFactory } from './shelf-labels/sim-esl-access-point-factory.js';
import { simSmartCartFactory } from './smart-cart/sim-smart-cart-factory.js';
import { simWalletGatewayFactory } from './wallet-gateway/sim-wallet-gateway-factory.js';

/** Every simulated device this package can run, by `kind/protocol`. */
export function defaultCatalog(): SimFactoryCatalog {
  return new SimFactoryCatalog()
    .register(
      'scanner',
      'aim-serial',
      (spec, env) => new SimSerialScanner({ id: spec.id, runDir: env.runDir }),
    )
    .register(
      'scale',
      'toledo-8217',
      (spec, env) => new SimScale({ id: spec.id, runDir: env.runDir, protocol: 'toledo-8217' }),
    )
    .register(
      'scale',
      'nci',
      (spec, env) => new SimScale({ id: spec.id, runDir: env.runDir, protocol: 'nci' }),
    )
    .register('printer', 'escpos-tcp', simPrinterFactory)
    .register('payment-terminal', 'ecr-tcp', simPaymentTerminalFactory)
    .register('payment-terminal', 'nexo-https', simNexoTerminalFactory)
    .register('shelf-labels', 'openepaperlink-http', simEslAccessPointFactory)
    .register('smart-cart', 'cart-ws', simSmartCartFactory)
    .register('wallet-gateway', 'wechat-alipay-http', simWalletGatewayFactory)
    .register('face-pay', 'face-pay-http', simFacePayFactory);
}
